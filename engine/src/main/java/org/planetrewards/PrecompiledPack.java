package org.planetrewards;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default pack compiled when the engine is built, so that a start with the default pack compiles
 * nothing (compiling it is most of a short replay's time: the DRL parser and the Java compiler, cold).
 * The resource holds the pack's files, name and text, next to Drools' compiled packages, and is used only
 * for a pack whose files are exactly those (same names, same text, same order); any other pack, an
 * admin's folder above all, is checked and compiled at load as before. It is written by {@link #main},
 * which the engine's build runs after compiling the engine: through the same checks as a load
 * ({@link CompiledRules#compileChecked}), so a default pack the checks refuse fails the build instead of
 * being written. {@code PrecompiledPackTest} holds the shipped files against the resource.
 */
final class PrecompiledPack {
    static final String RESOURCE = "planet-rewards/default-pack.compiled";
    /** Changes whenever the layout below does; a resource of another layout is not used. */
    private static final String FORMAT = "planet-rewards compiled pack 2, drools 10.2.0";

    private final Map<String, String> files;
    private final List<CampaignKinds.Kind> kinds;
    private final byte[] packages;

    private PrecompiledPack(Map<String, String> files, List<CampaignKinds.Kind> kinds, byte[] packages) {
        this.files = files;
        this.kinds = kinds;
        this.packages = packages;
    }

    /**
     * The compiled pack on the classpath if its files are exactly {@code pack}'s, else {@code null}: the
     * caller compiles. Read once per class loader; the resource is a few hundred kilobytes. The campaign
     * kinds come with it, as read when it was compiled: the files are not parsed again.
     */
    static CompiledRules load(RulePack pack) {
        PrecompiledPack shipped = Shipped.PACK;
        if (shipped == null || !sameFiles(shipped.files, pack.files())) {
            return null;
        }
        if (ShippedRules.FAILURE != null) {
            throw new IllegalStateException(ShippedRules.FAILURE.getMessage(), ShippedRules.FAILURE);
        }
        return ShippedRules.RULES;
    }

    /**
     * Makes the shipped packages' rule base now, on the calling thread, if it is not made yet: the longest
     * part of a start with the default pack, and it needs neither the pack's files nor the settings, so a
     * thread can make it while another reads those ({@link RewardsEngine#prepareDefaults}).
     */
    static void prepare() {
        Object unused = ShippedRules.RULES;
    }

    /**
     * The rule base of the shipped packages, made once (a class's initialization, so a thread that needs it
     * while another makes it waits for that one); used only for a pack with exactly the shipped files.
     */
    private static final class ShippedRules {
        static final CompiledRules RULES;
        static final RuntimeException FAILURE;

        static {
            CompiledRules rules = null;
            RuntimeException failure = null;
            PrecompiledPack shipped = Shipped.PACK;
            if (shipped != null) {
                try {
                    rules = CompiledRules.of(DroolsInternals.kieBase(shipped.packages), CampaignKinds.declared(shipped.kinds));
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            RULES = rules;
            FAILURE = failure;
        }
    }

    /** The same names with the same text in the same order: the load order is derived from them. */
    private static boolean sameFiles(Map<String, String> a, Map<String, String> b) {
        return a.size() == b.size() && List.copyOf(a.entrySet()).equals(List.copyOf(b.entrySet()));
    }

    /** The files the resource was compiled from, for the test that holds them against the shipped ones. */
    static Map<String, String> shippedFiles() {
        return Shipped.PACK == null ? null : Shipped.PACK.files;
    }

    private static final class Shipped {
        static final PrecompiledPack PACK = read();

        private static PrecompiledPack read() {
            try (InputStream in = PrecompiledPack.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                return in == null ? null : parse(in.readAllBytes());
            } catch (IOException e) {
                return null; // unreadable: compiled at load, as any pack
            }
        }
    }

    static PrecompiledPack parse(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (!FORMAT.equals(in.readUTF())) {
                return null;
            }
            int count = in.readInt();
            Map<String, String> files = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte[] text = new byte[in.readInt()];
                in.readFully(text);
                files.put(name, new String(text, java.nio.charset.StandardCharsets.UTF_8));
            }
            int kindCount = in.readInt();
            List<CampaignKinds.Kind> kinds = new ArrayList<>();
            for (int i = 0; i < kindCount; i++) {
                kinds.add(new CampaignKinds.Kind(in.readUTF(), words(in), words(in), in.readUTF(), in.readInt()));
            }
            byte[] packages = new byte[in.readInt()];
            in.readFully(packages);
            return new PrecompiledPack(files, List.copyOf(kinds), packages);
        }
    }

    private static List<String> words(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add(in.readUTF());
        }
        return List.copyOf(words);
    }

    private static void words(DataOutputStream out, List<String> words) throws IOException {
        out.writeInt(words.size());
        for (String w : words) {
            out.writeUTF(w);
        }
    }

    /** The resource for {@code pack}, compiled through every check a load makes. */
    static byte[] write(RulePack pack) {
        CompiledRules.Built built = CompiledRules.compileChecked(pack);
        byte[] packages = DroolsInternals.compiledPackages(built.builder());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(FORMAT);
            out.writeInt(pack.files().size());
            for (Map.Entry<String, String> f : pack.files().entrySet()) {
                out.writeUTF(f.getKey());
                byte[] text = f.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(text.length);
                out.write(text);
            }
            out.writeInt(built.kinds().kinds().size());
            for (CampaignKinds.Kind k : built.kinds().kinds().values()) {
                out.writeUTF(k.name());
                words(out, k.parameters());
                words(out, k.span());
                out.writeUTF(k.file());
                out.writeInt(k.offset());
            }
            out.writeInt(packages.length);
            out.write(packages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes the default pack, compiled, under the classes folder given as the only argument (the
     * engine's build runs it with the default pack on the classpath).
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PrecompiledPack CLASSES_FOLDER");
            System.exit(2);
        }
        Path target = Path.of(args[0]).resolve(RESOURCE);
        Files.createDirectories(target.getParent());
        try {
            Files.write(target, write(RulePack.defaults()));
        } catch (RulesException e) {
            System.err.println("the default pack is refused: " + e.getMessage());
            System.exit(1);
        }
    }
}
