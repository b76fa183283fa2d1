package org.planetrewards;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What compiled rule code may touch, member by member: the authority behind both the bytecode
 * check ({@link BytecodeCheck}) and the condition check ({@link ExpressionCheck}).
 *
 * <p>A type is allowed when it is a public type of the fact model, one of the short list of value
 * types ({@link CodeAllowList#isAllowedType}), a primitive, or an array of one of those. A member
 * (method, constructor, field) is allowed when its type is allowed, it is public, every type in its
 * signature is allowed (so an allowed member can never hand out something that is not), and it is
 * not on {@link #REFUSED_MEMBERS}: members of allowed types that do unbounded work on small input,
 * read the wall clock or randomness, or reach the JVM (wait, getClass...). The fact model is judged
 * by the same rule, so new model types and helpers need no edit here.
 */
final class MemberAllowList {
    private MemberAllowList() {
    }

    /** The member name on any allowed type that is refused, with why. */
    static final Map<String, String> REFUSED_ANYWHERE = Map.ofEntries(
            Map.entry("getClass", "reflection"),
            Map.entry("wait", "threads"),
            Map.entry("notify", "threads"),
            Map.entry("notifyAll", "threads"),
            Map.entry("finalize", "the garbage collector"),
            Map.entry("clone", "copies of unbounded size"),
            Map.entry("now", "the wall clock (decisions follow event time only)"),
            Map.entry("parallel", "threads"),
            Map.entry("parallelStream", "threads"),
            Map.entry("describeConstable", "reflection"),
            Map.entry("resolveConstantDesc", "reflection"));

    /** {@code Owner.name}: members of allowed types refused because they do unbounded work or are not deterministic. */
    static final Map<String, String> REFUSED_MEMBERS = Map.ofEntries(
            Map.entry("java.lang.String.repeat", "unbounded work"),
            Map.entry("java.lang.String.format", "unbounded work (a width in the pattern)"),
            Map.entry("java.lang.String.formatted", "unbounded work (a width in the pattern)"),
            Map.entry("java.lang.String.intern", "the JVM's shared string table"),
            Map.entry("java.lang.String.indent", "unbounded memory (n spaces on every line)"),
            Map.entry("java.lang.StringBuilder.setLength", "unbounded memory"),
            Map.entry("java.lang.StringBuilder.ensureCapacity", "unbounded memory"),
            Map.entry("java.lang.StringBuilder.<init>(I)", "unbounded memory"),
            Map.entry("java.lang.Math.random", "randomness"),
            Map.entry("java.lang.StrictMath.random", "randomness"),
            Map.entry("java.util.UUID.randomUUID", "randomness"),
            Map.entry("java.util.Collections.shuffle", "randomness"),
            Map.entry("java.util.Collections.nCopies", "unbounded memory"),
            Map.entry("java.util.Arrays.copyOf", "arrays of any size"),
            Map.entry("java.util.Arrays.copyOfRange", "arrays of any size"),
            Map.entry("java.util.Arrays.setAll", "unbounded work"),
            Map.entry("java.util.Arrays.parallelSetAll", "threads"),
            Map.entry("java.util.Arrays.parallelSort", "threads"),
            Map.entry("java.util.Arrays.parallelPrefix", "threads"),
            Map.entry("java.util.Locale.setDefault", "the JVM's global state"),
            Map.entry("java.util.stream.Stream.iterate", "unbounded work"),
            Map.entry("java.util.stream.Stream.generate", "unbounded work"),
            Map.entry("java.util.stream.IntStream.iterate", "unbounded work"),
            Map.entry("java.util.stream.IntStream.generate", "unbounded work"),
            Map.entry("java.util.stream.IntStream.range", "unbounded work"),
            Map.entry("java.util.stream.IntStream.rangeClosed", "unbounded work"),
            Map.entry("java.util.stream.LongStream.iterate", "unbounded work"),
            Map.entry("java.util.stream.LongStream.generate", "unbounded work"),
            Map.entry("java.util.stream.LongStream.range", "unbounded work"),
            Map.entry("java.util.stream.LongStream.rangeClosed", "unbounded work"),
            Map.entry("java.util.stream.DoubleStream.iterate", "unbounded work"),
            Map.entry("java.util.stream.DoubleStream.generate", "unbounded work"),
            Map.entry("java.time.Clock", "the wall clock"),
            Map.entry("java.time.LocalDate.datesUntil", "unbounded work (every date of a range of any length)"),
            Map.entry("java.time.ZoneId.getAvailableZoneIds", "the JVM's zone data"));

    /** Collection types whose constructor with a capacity allocates it at once, whatever the number. */
    private static final Set<String> CAPACITY_TYPES = Set.of("java.util.ArrayList", "java.util.HashMap", "java.util.HashSet",
            "java.util.LinkedHashMap", "java.util.LinkedHashSet", "java.util.ArrayDeque", "java.util.PriorityQueue",
            "java.util.IdentityHashMap", "java.util.WeakHashMap", "java.util.EnumMap", "java.lang.StringBuilder");

    /** Whether rule code may hold, create or name a value of this type. */
    static boolean allowsType(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive()) {
            return true;
        }
        if (REFUSED_MEMBERS.containsKey(c.getName())) {
            return false;
        }
        if (c.getPackageName().equals(CodeAllowList.MODEL_PACKAGE)) {
            return isPublicAllTheWay(c);
        }
        return CodeAllowList.isAllowedType(c.getName().replace('$', '.')) && isPublicAllTheWay(c);
    }

    private static boolean isPublicAllTheWay(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /** Why rule code may not call or read this member, or {@code null} when it may. */
    static String refusal(Executable member) {
        Class<?> owner = member.getDeclaringClass();
        String name = member instanceof Constructor<?> ? "<init>" : member.getName();
        String why = commonRefusal(owner, name, member.getModifiers());
        if (why != null) {
            return why;
        }
        if (member instanceof Constructor<?> && CAPACITY_TYPES.contains(owner.getName())
                && member.getParameterCount() > 0 && member.getParameterTypes()[0] == int.class) {
            return "unbounded memory (a capacity)";
        }
        if (member instanceof Method m && !allowsType(m.getReturnType())) {
            return "it returns " + m.getReturnType().getName() + ", which is not allowed";
        }
        for (Class<?> p : member.getParameterTypes()) {
            if (!allowsType(p)) {
                return "it takes a " + p.getName() + ", which is not allowed";
            }
        }
        return null;
    }

    /** Why rule code may not read this field, or {@code null}. */
    static String refusal(Field field) {
        String why = commonRefusal(field.getDeclaringClass(), field.getName(), field.getModifiers());
        if (why == null && !allowsType(field.getType())) {
            why = "it is a " + field.getType().getName() + ", which is not allowed";
        }
        return why;
    }

    private static String commonRefusal(Class<?> owner, String name, int modifiers) {
        if (!Modifier.isPublic(modifiers) || !isPublicAllTheWay(owner)) {
            return "it is not public";
        }
        if (!allowsType(owner) && owner != Object.class && owner != Enum.class && owner != Record.class) {
            return owner.getName() + " is not an allowed type";
        }
        String anywhere = REFUSED_ANYWHERE.get(name);
        if (anywhere != null) {
            return anywhere;
        }
        String listed = REFUSED_MEMBERS.get(owner.getName() + "." + name);
        return listed;
    }

    /**
     * The methods of this name a value of the type offers (its own and inherited), allowed or not.
     * Used where only the name is known (a condition), to judge every overload it could mean.
     */
    static List<Method> methodsNamed(Class<?> type, String name) {
        return java.util.Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(name)).toList();
    }
}
