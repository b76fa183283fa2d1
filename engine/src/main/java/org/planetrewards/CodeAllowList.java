package org.planetrewards;

import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.WindowDeclarationDescr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What code in a rule file may name. Rule files are Java (consequences, functions) and MVEL
 * (conditions), compiled and run inside the engine with no sandbox, so every name in them is read
 * against an allow-list: the fact model, the pack's own declared types, java.time, the collection
 * and math types of java.util, java.util.stream and java.math, and a few java.lang types (String,
 * Math, the boxed numbers...). Everything else is refused: fully qualified names elsewhere
 * ({@code java.io.File}), java.lang types that need no import ({@code Runtime}, {@code System},
 * {@code Thread}, {@code Class}...), reflection ({@code getClass}, {@code .class},
 * {@code forName}...), the engine's session ({@code drools}, {@code kcontext}) and text that could
 * hide code from this reading (see {@link DrlLexer}).
 *
 * <p>The whole file is read, not only the parts Drools calls code, so code in an attribute, an
 * annotation value or a declared field's initial value is read too. String literals and comments
 * are not code and are skipped.
 */
final class CodeAllowList {
    static final String MODEL_PACKAGE = "org.planetrewards.model";
    static final String TAIL = ", which is outside the fact model (rule files are code: allow it only after review, with --allow-unsafe-code)";

    /** java.lang types that may be named; java.lang needs no import, so this is the whole of it. */
    static final Set<String> JAVA_LANG = Set.of("String", "Math", "StrictMath", "Integer", "Long", "Short", "Byte",
            "Double", "Float", "Boolean", "Character", "Number", "StringBuilder", "CharSequence", "Comparable",
            "Iterable", "Object", "Exception", "RuntimeException", "IllegalArgumentException", "IllegalStateException",
            "UnsupportedOperationException", "ArithmeticException", "NullPointerException",
            "IndexOutOfBoundsException", "NumberFormatException");

    /** Types of java.util that only hold, compare or order values (no threads, files, class loading). */
    static final Set<String> JAVA_UTIL = Set.of("List", "ArrayList", "LinkedList", "Map", "HashMap", "LinkedHashMap",
            "TreeMap", "SortedMap", "NavigableMap", "Set", "HashSet", "LinkedHashSet", "TreeSet", "SortedSet",
            "NavigableSet", "Collection", "Collections", "Arrays", "Objects", "Optional", "OptionalInt",
            "OptionalLong", "OptionalDouble", "Iterator", "ListIterator", "Comparator", "Locale", "Deque", "ArrayDeque",
            "Queue", "PriorityQueue", "StringJoiner", "EnumSet", "EnumMap", "UUID", "IntSummaryStatistics",
            "LongSummaryStatistics", "DoubleSummaryStatistics");
    static final Set<String> JAVA_UTIL_STREAM = Set.of("Collectors", "Stream", "IntStream", "LongStream", "DoubleStream");
    /** None: BigInteger and BigDecimal do unbounded work on small input (pow, setScale, toPlainString...). */
    static final Set<String> JAVA_MATH = Set.of();
    /** Packages whose every type may be named. */
    static final Set<String> WHOLE_PACKAGES = Set.of(MODEL_PACKAGE, "java.time", "java.time.format",
            "java.time.temporal", "java.util.function");
    /** Packages a wildcard import may name; the types it brings in are still read one by one. */
    static final Set<String> WILDCARD_PACKAGES = Set.of(MODEL_PACKAGE, "java.time", "java.time.format",
            "java.time.temporal", "java.util.function", "java.util", "java.util.stream", "java.lang");

    /** First names of packages: {@code java.}, {@code org.}... followed by more names is a package path. */
    static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "net", "io",
            "picocli", "kotlin", "scala", "groovy", "lombok", "junit");
    /** Packages a rule file may not declare itself in: their classes would be in reach without a name. */
    static final List<String> FORBIDDEN_PACKAGES = List.of("java", "javax", "jdk", "sun", "com.sun", "org.kie",
            "org.drools", "org.mvel2", "org.eclipse", "org.antlr", "com.fasterxml", "org.slf4j", "picocli",
            "org.junit", "org.assertj", "net.bytebuddy", "org.opentest4j", "org.apiguardian", "org.xml", "org.w3c",
            "org.ietf", "org.jcp", "org.omg", "org.planetrewards");
    static final List<String> PACKAGES_ALLOWED_UNDER_FORBIDDEN = List.of("org.planetrewards.rules");

    /** Names refused wherever they appear, even after a dot: what they reach and why it matters. */
    static final Map<String, String> REFUSED_NAMES = new LinkedHashMap<>();

    static {
        for (String n : List.of("class", "getClass", "getDeclaringClass", "declaringClass", "getEnclosingClass",
                "getClassLoader", "classLoader", "getContextClassLoader", "contextClassLoader", "getSystemClassLoader",
                "getPlatformClassLoader", "forName", "loadClass", "defineClass", "newInstance", "getDeclaredMethod",
                "getDeclaredMethods", "getMethod", "getMethods", "getDeclaredField", "getDeclaredFields", "getField",
                "getFields", "getDeclaredConstructor", "getDeclaredConstructors", "getConstructor", "getConstructors",
                "getRecordComponents", "recordComponents", "invoke", "invokeExact", "invokeWithArguments",
                "setAccessible", "trySetAccessible", "getModule", "getProtectionDomain", "getSuperclass",
                "getResource", "getResourceAsStream", "getComponentType", "lookup", "privateLookupIn")) {
            REFUSED_NAMES.put(n, "reflection");
        }
        for (String n : List.of("exec", "exit", "halt", "getRuntime", "addShutdownHook", "load", "loadLibrary")) {
            REFUSED_NAMES.put(n, "the JVM and its process");
        }
        for (String n : List.of("getenv", "setProperty", "getProperties", "setProperties", "clearProperty",
                "getInteger", "getLong", "getBoolean", "setDefault", "setOut", "setErr", "setIn")) {
            REFUSED_NAMES.put(n, "the system's environment and properties");
        }
        for (String n : List.of("drools", "kcontext", "consequenceCtx")) {
            REFUSED_NAMES.put(n, "the engine's own session");
        }
    }

    private static final ClassLoader LOADER = CodeAllowList.class.getClassLoader();

    private final RuleFile file;
    private final DrlLexer lexed;
    private final List<DrlLexer.Token> tokens;
    private final Set<String> declaredInPack;
    /** Members of allowed types brought in by {@code import static}. */
    private final Set<String> staticNames = new HashSet<>();
    private final Map<String, String> importedSimple = new LinkedHashMap<>();
    private final List<String> wildcards = new ArrayList<>();
    private final Set<String> patternTypes = new HashSet<>();
    private final List<RuleProblem> problems = new ArrayList<>();
    private final Set<Integer> reported = new HashSet<>();
    private String packageName = "";
    /** Tokens before this offset belong to a name already refused: one message per name. */
    private int coveredUntil = -1;

    private CodeAllowList(RuleFile file, Set<String> declaredInPack) {
        this.file = file;
        this.lexed = file.lexed();
        this.tokens = lexed.tokens();
        this.declaredInPack = declaredInPack;
    }

    /** Every name a pack declares ({@code declare X}, {@code declare window W}), in any of its files. */
    static Set<String> declaredNames(List<RuleFile> files) {
        Set<String> names = new HashSet<>();
        for (RuleFile f : files) {
            PackageDescr d = f.descr();
            if (d != null) {
                for (TypeDeclarationDescr t : d.getTypeDeclarations()) {
                    names.add(t.getTypeName());
                }
                d.getEnumDeclarations().forEach(e -> names.add(e.getTypeName()));
                for (WindowDeclarationDescr w : d.getWindowDeclarations()) {
                    names.add(w.getName());
                }
            }
            // Also from the tokens, for a file Drools cannot parse: declare [enum|trait|window] Name
            List<DrlLexer.Token> ts = f.lexed().tokens();
            for (int i = 0; i + 1 < ts.size(); i++) {
                if (ts.get(i).is("declare")) {
                    int j = i + 1;
                    if (ts.get(j).is("enum") || ts.get(j).is("trait") || ts.get(j).is("window")) {
                        j++;
                    }
                    if (j < ts.size() && ts.get(j).kind() == DrlLexer.Kind.IDENT
                            && (j + 1 >= ts.size() || !ts.get(j + 1).is("."))) {
                        names.add(ts.get(j).text());
                    }
                }
            }
        }
        // A declaration of an existing java.lang type only adds metadata to it: it stays that type.
        names.removeIf(n -> classExists("java.lang." + n));
        return names;
    }

    /** The problems of one file; nothing when everything it names is allowed. */
    static List<RuleProblem> check(RuleFile file, Set<String> declaredInPack) {
        CodeAllowList c = new CodeAllowList(file, declaredInPack);
        c.run();
        return c.problems;
    }

    private void run() {
        for (DrlLexer.Hazard h : lexed.hazards()) {
            problems.add(file.error(h.offset(), file.describe(h.offset()) + " has " + h.message()));
        }
        readHeader();
        collectPatternTypes();
        for (int i = 0; i < tokens.size(); i++) {
            DrlLexer.Token t = tokens.get(i);
            if (t.kind() != DrlLexer.Kind.IDENT) {
                continue;
            }
            String refused = REFUSED_NAMES.get(t.text());
            boolean sessionName = "the engine's own session".equals(refused);
            if (refused != null && !(isMember(i) && sessionName) && t.offset() >= coveredUntil) {
                String what = !t.is("class") ? t.text() + " (" + refused + ")"
                        : isMember(i) ? ".class (reflection)" : "class (a Java class declared in rule code: use declare)";
                refuse(t, what);
                continue;
            }
            if (isMember(i) || isNameNotReference(i)) {
                continue;
            }
            head(i);
        }
    }

    /** Reads the package, the imports and the names they bring in. */
    private void readHeader() {
        for (int i = 0; i < tokens.size(); i++) {
            DrlLexer.Token t = tokens.get(i);
            if (t.is("package") && i + 1 < tokens.size() && !isMember(i)) {
                packageName = String.join(".", chain(i + 1));
            } else if (t.is("import") && !isMember(i)) {
                int j = i + 1;
                boolean isStatic = false;
                while (j < tokens.size() && (tokens.get(j).is("static") || tokens.get(j).is("function")
                        || tokens.get(j).is("accumulate"))) {
                    isStatic |= !tokens.get(j).is("accumulate");
                    j++;
                }
                List<String> names = chain(j);
                int after = j + 2 * names.size() - 1;
                boolean wildcard = after + 1 < tokens.size() && tokens.get(after).is(".") && tokens.get(after + 1).is("*");
                String target = String.join(".", names);
                if (names.isEmpty()) {
                    continue;
                }
                if (isStatic) {
                    staticImport(names, wildcard);
                } else if (wildcard) {
                    wildcards.add(target);
                } else {
                    importedSimple.put(names.get(names.size() - 1), target);
                }
            }
        }
        if (packageName.equals(MODEL_PACKAGE)) {
            wildcards.add(MODEL_PACKAGE);
        }
    }

    /** {@code import static a.b.C.NAME} or {@code a.b.C.*} of an allowed type lets the code name C's members bare. */
    private void staticImport(List<String> names, boolean wildcard) {
        int k = 0;
        while (k < names.size() && !Character.isUpperCase(names.get(k).codePointAt(0))) {
            k++;
        }
        String type = String.join(".", names.subList(0, Math.min(k + 1, names.size())));
        if (k >= names.size() || !isAllowedType(type)) {
            return; // refused where it is written
        }
        if (!wildcard) {
            staticNames.add(names.get(names.size() - 1));
            return;
        }
        Class<?> c = classOrNull(String.join(".", names));
        if (c != null) {
            for (java.lang.reflect.Field f : c.getFields()) {
                staticNames.add(f.getName());
            }
            for (Class<?> nested : c.getClasses()) {
                staticNames.add(nested.getSimpleName());
            }
        }
    }

    private void collectPatternTypes() {
        PackageDescr d = file.descr();
        if (d == null) {
            return;
        }
        d.getRules().forEach(r -> RuleLints.patterns(r.getLhs(), true, (p, positive) -> {
            if (p.getObjectType() != null) {
                patternTypes.add(p.getObjectType());
            }
        }));
    }

    /** The identifiers {@code a.b.c} from token i on (dots, and MVEL's {@code .?}, between them). */
    private List<String> chain(int i) {
        List<String> names = new ArrayList<>();
        while (i < tokens.size() && tokens.get(i).kind() == DrlLexer.Kind.IDENT) {
            names.add(tokens.get(i).text());
            if (i + 2 < tokens.size() && tokens.get(i + 1).is(".") && tokens.get(i + 2).kind() == DrlLexer.Kind.IDENT) {
                i += 2;
            } else {
                break;
            }
        }
        return names;
    }

    /** After a dot ({@code x.name}, {@code x.?name}) or {@code ::}: a member, judged by what comes before. */
    private boolean isMember(int i) {
        if (i == 0) {
            return false;
        }
        DrlLexer.Token prev = tokens.get(i - 1);
        if (prev.is(".")) {
            return true;
        }
        if (prev.is("?") && i >= 2 && tokens.get(i - 2).is(".")) {
            return true;
        }
        return prev.is(":") && i >= 2 && tokens.get(i - 2).is(":") && tokens.get(i - 2).end() == prev.offset();
    }

    /** Names that are not references to code: rule and query names, annotation names, labels. */
    private boolean isNameNotReference(int i) {
        if (i == 0) {
            return false;
        }
        DrlLexer.Token prev = tokens.get(i - 1);
        DrlLexer.Token before = i >= 2 ? tokens.get(i - 2) : null;
        boolean single = i + 1 >= tokens.size() || !tokens.get(i + 1).is(".");
        if (prev.is("rule") || prev.is("query")) {
            return true;
        }
        if (prev.is("@") && single) {
            return true; // an annotation's name; a qualified one is read like any other
        }
        if (prev.is("window") && before != null && (before.is("declare") || before.is("from"))) {
            return true;
        }
        if (prev.is("point") && before != null && before.is("-") && i >= 3 && tokens.get(i - 3).is("entry")) {
            return true;
        }
        if (prev.is("[") && i >= 2) {
            DrlLexer.Token label = tokens.get(i - 2);
            return label.is("do") || label.is("then") || label.is("break");
        }
        return false;
    }

    /** A name not after a dot: a type, a package path, or a variable. */
    private void head(int i) {
        DrlLexer.Token t = tokens.get(i);
        String name = t.text();
        if (name.startsWith("$")) {
            return; // a binding
        }
        List<String> names = chain(i);
        if (i > 0 && tokens.get(i - 1).is("package")) {
            checkPackage(t, String.join(".", names));
            return;
        }
        if (Character.isUpperCase(name.codePointAt(0))) {
            bare(t, name);
            return;
        }
        if (names.size() < 2) {
            return; // a variable, a keyword, a property or a function
        }
        for (int k = 1; k < names.size(); k++) {
            if (Character.isUpperCase(names.get(k).codePointAt(0))) {
                String type = String.join(".", names.subList(0, k + 1));
                if (!isAllowedType(type)) {
                    refuse(t, type);
                }
                return;
            }
        }
        String path = String.join(".", names);
        int after = i + 2 * names.size() - 1;
        boolean wildcard = after + 1 < tokens.size() && tokens.get(after).is(".") && tokens.get(after + 1).is("*");
        if (wildcard) {
            if (!WILDCARD_PACKAGES.contains(path)) {
                refuse(t, "the package " + path);
            }
        } else if (PACKAGE_ROOTS.contains(name)) {
            refuse(t, "the package " + path);
        }
    }

    /**
     * A capitalised name with no package: it must be a type the rules may use. It is looked up the
     * way Java would find a class by it (an import, an allowed static import, a wildcard import,
     * java.lang, the file's own package); a type declared in the pack counts only when no class is
     * found that way, since a declaration with the name of an existing class only adds to that class.
     */
    private void bare(DrlLexer.Token t, String name) {
        String imported = importedSimple.get(name);
        if (imported != null) {
            if (!isAllowedType(imported)) {
                refuse(t, imported);
            }
            return;
        }
        if (staticNames.contains(name)) {
            return;
        }
        for (String w : wildcards) {
            String fqn = w + "." + name;
            if (classExists(fqn)) {
                if (!isAllowedType(fqn) || !WILDCARD_PACKAGES.contains(w)) {
                    refuse(t, fqn);
                }
                return;
            }
        }
        if (classExists("java.lang." + name)) {
            if (!JAVA_LANG.contains(name)) {
                refuse(t, "java.lang." + name);
            }
        } else if (!packageName.isEmpty() && classExists(packageName + "." + name)) {
            refuse(t, packageName + "." + name);
        } else if (!declaredInPack.contains(name) && !patternTypes.contains(name)) {
            // A pattern on a type that does not exist is the compiler's "no such fact type"; anything
            // else that names no known type is refused: it might name a class this check cannot see.
            problem(t, file.describe(t.offset()) + " uses " + name + ", which is not a type of the fact model ("
                    + MODEL_PACKAGE + "), a type declared in the pack or an allowed java.time, java.util or java.lang type"
                    + " (rule files are code: allow it only after review, with --allow-unsafe-code)");
        }
    }

    private void checkPackage(DrlLexer.Token t, String pkg) {
        for (String allowed : PACKAGES_ALLOWED_UNDER_FORBIDDEN) {
            if (pkg.equals(allowed) || pkg.startsWith(allowed + ".")) {
                return;
            }
        }
        for (String forbidden : FORBIDDEN_PACKAGES) {
            if (pkg.equals(forbidden) || pkg.startsWith(forbidden + ".")) {
                problem(t, "the package " + pkg + " would put the rules among the classes of " + forbidden
                        + ", in reach without an import: name a package of your own, like org.planetrewards.rules"
                        + " (rule files are code: allow it only after review, with --allow-unsafe-code)");
                return;
            }
        }
    }

    private void refuse(DrlLexer.Token t, String what) {
        problem(t, file.describe(t.offset()) + " uses " + what + TAIL);
        int i = tokens.indexOf(t);
        List<String> names = chain(i);
        coveredUntil = Math.max(coveredUntil, tokens.get(Math.min(tokens.size() - 1, i + 2 * names.size() - 2)).end());
    }

    private void problem(DrlLexer.Token t, String message) {
        if (reported.add(t.offset())) {
            problems.add(file.error(t.offset(), message));
        }
    }

    /** Whether a fully qualified type name is on the allow-list. */
    static boolean isAllowedType(String fqn) {
        String[] names = fqn.split("\\.");
        int k = 0;
        while (k < names.length && (names[k].isEmpty() || !Character.isUpperCase(names[k].codePointAt(0)))) {
            k++;
        }
        if (k == 0 || k == names.length) {
            return false;
        }
        // A nested type (java.util.Map.Entry) is allowed with the type around it.
        String pkg = String.join(".", java.util.Arrays.asList(names).subList(0, k));
        String simple = names[k];
        if (pkg.equals(MODEL_PACKAGE)) {
            return classExists(pkg + "." + simple);
        }
        return switch (pkg) {
            case "java.lang" -> JAVA_LANG.contains(simple);
            case "java.util" -> JAVA_UTIL.contains(simple);
            case "java.util.stream" -> JAVA_UTIL_STREAM.contains(simple);
            case "java.math" -> JAVA_MATH.contains(simple);
            default -> WHOLE_PACKAGES.contains(pkg);
        };
    }

    /** Whether the class exists, without initialising it (nothing of it runs). */
    static boolean classExists(String fqn) {
        return classOrNull(fqn) != null;
    }

    /** Looked-up names: most rule files name the same few classes, and a miss costs an exception. */
    private static final Map<String, Optional<Class<?>>> CLASSES = new ConcurrentHashMap<>();

    /** The class, not initialised, or {@code null}. */
    static Class<?> classOrNull(String fqn) {
        Optional<Class<?>> known = CLASSES.get(fqn);
        if (known == null) {
            try {
                known = Optional.of(Class.forName(fqn, false, LOADER));
            } catch (ClassNotFoundException | LinkageError | IllegalArgumentException e) {
                known = Optional.empty();
            }
            if (CLASSES.size() < 10_000) {
                CLASSES.put(fqn, known);
            }
        }
        return known.orElse(null);
    }
}
