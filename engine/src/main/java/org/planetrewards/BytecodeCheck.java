package org.planetrewards;

import org.mvel2.asm.ClassReader;
import org.mvel2.asm.ClassVisitor;
import org.mvel2.asm.Handle;
import org.mvel2.asm.Label;
import org.mvel2.asm.MethodVisitor;
import org.mvel2.asm.Opcodes;
import org.mvel2.asm.Type;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the classes Drools compiled from a rule pack (consequences, functions, {@code eval},
 * inline {@code accumulate} code) and judges every class, method and field their code names
 * against {@link MemberAllowList}. Because it reads what the Java compiler produced, the names a
 * rule file never spells ({@code drools}, {@code kcontext}, {@code valueResolver}, the
 * consequence's helper) are judged by what they resolve to.
 *
 * <p>It also refuses, simply and statically, what would let code run without bound: a jump
 * backwards (any loop), arrays whose size is not a constant, recursion between the pack's own
 * methods, {@code synchronized}, and handlers that catch everything ({@code finally}, catching
 * {@code Throwable} or {@code Error}), which could swallow the engine's stop.
 *
 * <p>Drools' own invoker classes (top-level classes named {@code ...Invoker}) are generated from
 * Drools' templates with only names and types of the rule file in them; they may use exactly the
 * members of {@link #SCAFFOLDING}.
 */
final class BytecodeCheck {
    /** One refusal: in which class and method, at which line of the generated source, what. */
    record Finding(String className, String method, int javaLine, String message, String word) {
    }

    /**
     * The Drools members the generated invokers use, each harmless in the way they use it, dumped
     * from the default pack and the test packs (consequence, eval, inline accumulate):
     * <ul>
     *   <li>{@code Declaration.getValue}: reads the matched facts, which the rule can already name;</li>
     *   <li>{@code MethodComparator}, {@code Class.getClassLoader}, {@code ClassLoader.getResourceAsStream},
     *       byte streams: {@code getMethodBytecode}, which reads the invoker's own rule class to compare
     *       two invokers for equality;</li>
     *   <li>the invoker interfaces and generators: wiring done by Drools, not by code of the rule file;</li>
     *   <li>{@code new RuntimeException(Throwable)}: wraps what the rule's code threw.</li>
     * </ul>
     * A class compiled from the rule file's code never gets these: only Drools' invokers do. The
     * invokers are not judged for loops, arrays or handlers: that is Drools' template code.
     */
    static final Set<String> SCAFFOLDING = Set.of(
            // Wiring: the invoker is one of these, and hands the call on to the rule's class.
            "org/drools/base/rule/accessor/CompiledInvoker", "org/drools/base/rule/accessor/CompiledInvoker.getMethodBytecode",
            "org/drools/mvel/asm/ConsequenceStub", "org/drools/mvel/asm/EvalStub",
            "org/drools/base/rule/consequence/Consequence.evaluate", "org/drools/base/rule/accessor/EvalExpression.evaluate",
            "org/drools/mvel/asm/ConsequenceGenerator.generate", "org/drools/mvel/asm/EvalGenerator.generate",
            // Reading the matched facts, which the rule names anyway.
            "org/drools/base/rule/Declaration.getValue",
            // getMethodBytecode and equals: two invokers are equal when their rule class's bytes are.
            "org/drools/mvel/asm/MethodComparator.compareBytecode", "org/drools/mvel/asm/MethodComparator.getMethodBytecode",
            "java/lang/Object.getClass", "java/lang/Class.getClassLoader", "java/lang/ClassLoader.getResourceAsStream",
            "java/io/ByteArrayOutputStream", "java/io/ByteArrayOutputStream.<init>", "java/io/ByteArrayOutputStream.write",
            "java/io/ByteArrayOutputStream.toString", "java/io/InputStream.read",
            // Wrapping what the rule's code threw.
            "java/lang/RuntimeException.<init>");

    /**
     * What a class compiled from rule code may use of Drools, exactly: the consequence's helper
     * (the {@code drools} of a consequence) for {@code insertLogical}, {@code insert},
     * {@code modify}/{@code update} and {@code delete} of facts, which act on the working memory
     * the rule already matches in (the engine bounds inserts per fact); and the bit masks a
     * {@code modify} block passes to say which properties changed, which are plain sets of bits.
     */
    static final Set<String> HELPER_MEMBERS = Set.of(
            "org/drools/core/rule/consequence/KnowledgeHelper",
            "org/drools/core/rule/consequence/KnowledgeHelper.insertLogical(Ljava/lang/Object;)Lorg/kie/api/runtime/rule/FactHandle;",
            "org/drools/core/rule/consequence/KnowledgeHelper.insert(Ljava/lang/Object;)Lorg/kie/api/runtime/rule/FactHandle;",
            "org/drools/core/rule/consequence/KnowledgeHelper.update(Lorg/kie/api/runtime/rule/FactHandle;Lorg/drools/util/bitmask/BitMask;Ljava/lang/Class;)V",
            "org/drools/core/rule/consequence/KnowledgeHelper.delete(Lorg/kie/api/runtime/rule/FactHandle;)V",
            "org/drools/util/bitmask/BitMask", "org/drools/util/bitmask/LongBitMask",
            "org/drools/util/bitmask/LongBitMask.<init>(J)V",
            "org/drools/util/bitmask/AllSetBitMask", "org/drools/util/bitmask/AllSetBitMask.get()Lorg/drools/util/bitmask/AllSetBitMask;",
            "org/drools/util/bitmask/AllSetButLastBitMask",
            "org/drools/util/bitmask/AllSetButLastBitMask.get()Lorg/drools/util/bitmask/AllSetButLastBitMask;",
            "org/drools/util/bitmask/EmptyBitMask", "org/drools/util/bitmask/EmptyBitMask.get()Lorg/drools/util/bitmask/EmptyBitMask;",
            // An accumulate function's argument (collectSet( $day )) is returned wrapped as a field value.
            "org/drools/mvel/field/FieldFactory.getInstance()Lorg/drools/mvel/field/FieldFactory;",
            "org/drools/mvel/field/FieldFactory.getFieldValue(Ljava/lang/Object;)Lorg/drools/base/rule/accessor/FieldValue;",
            "org/drools/base/rule/accessor/FieldValue");

    /** The largest array rule code may create, as a constant size: enough for a varargs call or a small table. */
    static final int MAX_ARRAY = 1024;

    private final Map<String, byte[]> classes;
    private final Set<String> own = new HashSet<>();
    private final List<Finding> findings = new ArrayList<>();
    /** Calls between the pack's own methods, to find recursion: "Owner.name(desc)" to callees. */
    private final Map<String, Set<String>> calls = new HashMap<>();
    private final Map<String, int[]> firstCallLine = new HashMap<>();

    /** The pack's declared types (internal names): beans Drools generates from checked field types. */
    private final Set<String> declared;

    private BytecodeCheck(Map<String, byte[]> classes, Set<String> declared) {
        this.classes = classes;
        this.declared = declared;
        for (String name : classes.keySet()) {
            own.add(name.replaceAll("\\.class$", ""));
        }
    }

    /**
     * @param classes       the compiled classes by path ({@code org/x/Rule_a1.class}), as Drools stores them
     * @param declaredTypes the pack's declared types, as internal names ({@code org/x/Foo})
     */
    static List<Finding> check(Map<String, byte[]> classes, Set<String> declaredTypes) {
        BytecodeCheck c = new BytecodeCheck(classes, declaredTypes);
        c.run();
        return c.findings;
    }

    private void run() {
        List<String> names = new ArrayList<>(classes.keySet());
        names.sort(null); // same findings in the same order on every run
        for (String name : names) {
            String internal = name.replaceAll("\\.class$", "");
            new ClassReader(classes.get(name)).accept(new Reader(internal, isScaffolding(internal)), 0);
        }
        recursion();
    }

    static boolean isScaffolding(String internalName) {
        String simple = internalName.substring(internalName.lastIndexOf('/') + 1);
        // Drools spells characters a class name cannot hold as $uNN$; any other $ is a nested class, written in rule code.
        return simple.endsWith("Invoker") && !simple.replaceAll("\\$u\\d+\\$", "").contains("$");
    }

    private final class Reader extends ClassVisitor {
        private final String className;
        private final boolean scaffolding;

        Reader(String className, boolean scaffolding) {
            super(Opcodes.ASM9);
            this.className = className;
            this.scaffolding = scaffolding;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            if (scaffolding) {
                return;
            }
            if (superName != null && !superName.equals("java/lang/Object") && !own.contains(superName)) {
                typeUse(superName, "<class>", 0, "extends ");
            }
            for (String i : interfaces == null ? new String[0] : interfaces) {
                // Drools' accumulate classes are Serializable; a consequence's anonymous class may implement an allowed interface.
                if (!i.equals("java/io/Serializable") && !i.equals("java/io/Externalizable")) {
                    typeUse(i, "<class>", 0, "implements ");
                }
            }
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            return new Code(className, name, descriptor, scaffolding);
        }

        private void typeUse(String internal, String method, int line, String how) {
            String why = typeRefusal(internal, scaffolding);
            if (why != null) {
                findings.add(new Finding(className, method, line, how + internal.replace('/', '.') + " (" + why + ")",
                        simpleName(internal)));
            }
        }
    }

    private final class Code extends MethodVisitor {
        private final String className;
        private final String method;
        private final String self;
        private final boolean scaffolding;
        private final Set<Label> seen = new HashSet<>();
        private int line;
        /** Whether the last instruction pushed a small constant int: an array of that size is bounded. */
        private boolean constantOnStack;

        Code(String className, String method, String descriptor, boolean scaffolding) {
            super(Opcodes.ASM9);
            this.className = className;
            this.method = method;
            this.self = className + "." + method + descriptor;
            this.scaffolding = scaffolding;
        }

        private void refuse(String message, String word) {
            findings.add(new Finding(className, method, line, message, word));
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            this.line = line;
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
        }

        @Override
        public void visitInsn(int opcode) {
            constantOnStack = opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5;
            if (!scaffolding && (opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT)) {
                refuse("synchronized (threads)", "synchronized");
            }
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            if (opcode == Opcodes.NEWARRAY && !constantOnStack && !scaffolding) {
                refuse("an array whose size is not a constant of at most " + MAX_ARRAY + " (unbounded memory)", "new");
            }
            constantOnStack = (opcode == Opcodes.BIPUSH || opcode == Opcodes.SIPUSH) && operand <= MAX_ARRAY;
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            constantOnStack = false;
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            constantOnStack = false;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            if (opcode == Opcodes.ANEWARRAY && !constantOnStack && !scaffolding) {
                refuse("an array whose size is not a constant of at most " + MAX_ARRAY + " (unbounded memory)", "new");
            }
            constantOnStack = false;
            type(type);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int dims) {
            constantOnStack = false;
            if (!scaffolding) {
                refuse("a multi-dimensional array (unbounded memory)", "new");
            }
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            constantOnStack = false;
            if (seen.contains(label) && !scaffolding) {
                refuse("a loop (code in a rule file runs once per firing: use the fact model's helpers)", loopWord());
            }
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            switches(dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            switches(dflt, labels);
        }

        private void switches(Label dflt, Label[] labels) {
            constantOnStack = false;
            boolean back = seen.contains(dflt);
            for (Label l : labels) {
                back |= seen.contains(l);
            }
            if (back && !scaffolding) {
                refuse("a loop (code in a rule file runs once per firing: use the fact model's helpers)", "switch");
            }
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if (scaffolding) {
                return;
            }
            if (type == null) {
                refuse("finally, synchronized or try-with-resources (it could swallow the engine's stop)", "finally");
            } else {
                type(type);
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            constantOnStack = value instanceof Integer n && n <= MAX_ARRAY;
            if (value instanceof Type t) {
                if (t.getSort() == Type.METHOD) {
                    refuse("a method type constant (reflection)", "class");
                } else if (!scaffolding && !isFactType(t.getInternalName())) {
                    refuse("a class literal " + t.getClassName() + ".class (reflection)", "class");
                }
            } else if (value instanceof Handle || !(value instanceof Number || value instanceof String)) {
                refuse("a method handle or dynamic constant (reflection)", "class");
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            constantOnStack = false;
            if (own.contains(owner) || declared.contains(owner)) {
                return;
            }
            String why = fieldRefusal(owner, name, descriptor, scaffolding);
            if (why != null) {
                refuse(owner.replace('/', '.') + "." + name + " (" + why + ")", name);
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            constantOnStack = false;
            if (own.contains(owner)) {
                if (!scaffolding) {
                    calls.computeIfAbsent(self, k -> new LinkedHashSet<>()).add(owner + "." + name + descriptor);
                    firstCallLine.putIfAbsent(self + "->" + owner + "." + name + descriptor, new int[]{line});
                    if (isScaffolding(owner)) {
                        refuse("Drools' generated " + simpleName(owner) + " (the engine's own code)", name);
                    }
                }
                return;
            }
            if (declared.contains(owner) && isBeanMember(name)) {
                return;
            }
            String why = methodRefusal(owner, name, descriptor, scaffolding);
            if (why != null) {
                String shown = name.equals("<init>") ? "new " + owner.replace('/', '.') : owner.replace('/', '.') + "." + name;
                refuse(shown + " (" + why + ")", name.equals("<init>") ? simpleName(owner) : name);
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... args) {
            constantOnStack = false;
            String boot = bsm.getOwner() + "." + bsm.getName();
            if (boot.equals("java/lang/invoke/StringConcatFactory.makeConcatWithConstants")) {
                return; // string concatenation: "a" + b
            }
            if (boot.equals("java/lang/invoke/LambdaMetafactory.metafactory") && !scaffolding && args.length >= 2
                    && args[1] instanceof Handle target) {
                // A lambda or a method reference: judged by the interface it makes and the method it runs.
                Type made = Type.getReturnType(descriptor);
                type(made.getInternalName());
                if (own.contains(target.getOwner())) {
                    calls.computeIfAbsent(self, k -> new LinkedHashSet<>()).add(target.getOwner() + "." + target.getName() + target.getDesc());
                    firstCallLine.putIfAbsent(self + "->" + target.getOwner() + "." + target.getName() + target.getDesc(), new int[]{line});
                    return;
                }
                String why = methodRefusal(target.getOwner(), target.getName(), target.getDesc(), false);
                if (why != null) {
                    refuse(target.getOwner().replace('/', '.') + "::" + target.getName() + " (" + why + ")", target.getName());
                }
                return;
            }
            refuse("invokedynamic with " + boot.replace('/', '.') + " (reflection)", name);
        }

        /**
         * A modify block names its fact's class ({@code Counter.class}): allowed for the fact model and
         * the pack's own types, since no member of {@code Class} is allowed to do anything with it.
         */
        private boolean isFactType(String internal) {
            if (declared.contains(internal) || own.contains(internal)) {
                return true;
            }
            Class<?> c = load(internal);
            return c != null && c.getPackageName().equals(CodeAllowList.MODEL_PACKAGE) && MemberAllowList.allowsType(c);
        }

        private void type(String internal) {
            String plain = internal.replaceAll("^\\[+L?|;$", "");
            if (declared.contains(plain) || own.contains(plain)) {
                return;
            }
            String why = typeRefusal(internal, scaffolding);
            if (why != null) {
                refuse(internal.replace('/', '.') + " (" + why + ")", simpleName(internal));
            }
        }

        private String loopWord() {
            return "while|for|do";
        }
    }

    /** Cycles in the calls between the pack's own methods: a function that calls itself, directly or not. */
    private void recursion() {
        Set<String> reported = new HashSet<>();
        for (String start : new ArrayList<>(calls.keySet())) {
            List<String> path = new ArrayList<>();
            cycle(start, start, path, new HashSet<>(), reported);
        }
    }

    private boolean cycle(String start, String at, List<String> path, Set<String> visited, Set<String> reported) {
        for (String next : calls.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                String owner = start.substring(0, start.indexOf('.'));
                String method = start.substring(start.indexOf('.') + 1, start.indexOf('('));
                if (reported.add(owner + "." + method)) {
                    int[] l = firstCallLine.get(at + "->" + next);
                    findings.add(new Finding(owner, method, l == null ? 0 : l[0],
                            "recursion: " + method + " calls itself" + (path.isEmpty() ? "" : " through " + path.size() + " other call(s)")
                                    + " (unbounded work)", next.substring(next.indexOf('.') + 1, next.indexOf('('))));
                }
                return true;
            }
            if (visited.add(next)) {
                path.add(next);
                if (cycle(start, next, path, visited, reported)) {
                    return true;
                }
                path.remove(path.size() - 1);
            }
        }
        return false;
    }

    /** What Drools generates on a declared type: its constructors, getters, setters and value methods. */
    private static boolean isBeanMember(String name) {
        return name.equals("<init>") || name.matches("(get|set|is)[A-Z_$].*") || name.equals("equals")
                || name.equals("hashCode") || name.equals("toString");
    }

    private static String simpleName(String internal) {
        String s = internal.substring(internal.lastIndexOf('/') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }

    // --- judging one name ---

    private static Class<?> load(String internal) {
        Type t = internal.startsWith("[") ? Type.getType(internal) : Type.getObjectType(internal);
        while (t.getSort() == Type.ARRAY) {
            t = t.getElementType();
        }
        if (t.getSort() != Type.OBJECT) {
            return int.class; // a primitive: always allowed
        }
        return CodeAllowList.classOrNull(t.getClassName());
    }

    private static boolean scaffoldingAllows(String key) {
        return SCAFFOLDING.contains(key);
    }

    static String typeRefusal(String internal, boolean scaffolding) {
        String plain = internal.replaceAll("^\\[+L?|;$", "");
        if (HELPER_MEMBERS.contains(plain) || scaffolding && scaffoldingAllows(plain)) {
            return null;
        }
        Class<?> c = load(internal);
        if (c == null) {
            return "not a class this check knows";
        }
        return MemberAllowList.allowsType(c) ? null : "not on the allow-list";
    }

    static String methodRefusal(String owner, String name, String descriptor, boolean scaffolding) {
        String key = owner + "." + name + descriptor;
        if (HELPER_MEMBERS.contains(key) || scaffolding && (scaffoldingAllows(key) || scaffoldingAllows(owner + "." + name))) {
            return null;
        }
        Class<?> c = load(owner);
        if (c == null) {
            return "not a class this check knows";
        }
        Executable found = null;
        if (name.equals("<init>")) {
            for (Constructor<?> k : c.getConstructors()) {
                if (Type.getConstructorDescriptor(k).equals(descriptor)) {
                    found = k;
                }
            }
        } else {
            found = findMethod(c, name, descriptor);
        }
        if (found == null) {
            return "not a public member of an allowed type";
        }
        return MemberAllowList.refusal(found);
    }

    private static Method findMethod(Class<?> c, String name, String descriptor) {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && Type.getMethodDescriptor(m).equals(descriptor)) {
                return m;
            }
        }
        if (c.isInterface()) {
            // An interface call to a method of Object (toString, equals...).
            for (Method m : Object.class.getMethods()) {
                if (m.getName().equals(name) && Type.getMethodDescriptor(m).equals(descriptor)) {
                    return m;
                }
            }
        }
        return null;
    }

    static String fieldRefusal(String owner, String name, String descriptor, boolean scaffolding) {
        if (scaffolding && scaffoldingAllows(owner + "." + name)) {
            return null;
        }
        Class<?> c = load(owner);
        if (c == null) {
            return "not a class this check knows";
        }
        for (Field f : c.getFields()) {
            if (f.getName().equals(name) && Type.getDescriptor(f.getType()).equals(descriptor)) {
                return MemberAllowList.refusal(f);
            }
        }
        return "not a public field of an allowed type";
    }
}
