package org.planetrewards;

import org.planetrewards.model.AsOf;
import org.planetrewards.model.CheckInDay;
import org.planetrewards.model.CountedDay;
import org.planetrewards.model.CountedDayDetail;
import org.planetrewards.model.CountedDays;
import org.planetrewards.model.HighQualityPost;
import org.planetrewards.model.Member;
import org.planetrewards.model.ModerationState;
import org.planetrewards.model.PostTag;
import org.planetrewards.model.PostText;
import org.planetrewards.model.PostVersion;
import org.planetrewards.model.Progress;
import org.planetrewards.model.Qualification;
import org.planetrewards.model.QualityProblem;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The fields of the engine's model records that say whose a fact is: a member's id, or the id of a post
 * (a post belongs to one member). What lets facts of several members go through one evaluation
 * ({@link BatchCheck} reads them in compiled constraints, {@link RuleSession#evaluateBatch} in derived
 * facts). A type a pack declares has a member key when it has a text field {@code member}, and no post key.
 */
final class MemberKeys {
    private MemberKeys() {
    }

    /** The kind of a key: two facts are tied only by keys of one kind. */
    enum Kind { MEMBER, POST }

    /** Records with a member key, and its accessor. */
    static final Map<Class<?>, String> MEMBER = Map.ofEntries(
            Map.entry(AsOf.class, "member"), Map.entry(CheckInDay.class, "member"), Map.entry(CountedDay.class, "member"),
            Map.entry(CountedDayDetail.class, "member"), Map.entry(CountedDays.class, "member"),
            Map.entry(HighQualityPost.class, "member"), Map.entry(Member.class, "id"), Map.entry(PostText.class, "member"),
            Map.entry(PostVersion.class, "member"), Map.entry(Progress.class, "member"),
            Map.entry(Qualification.class, "member"));

    /** Records with a post key, and its accessor. */
    static final Map<Class<?>, String> POST = Map.of(
            PostVersion.class, "id", HighQualityPost.class, "postId", ModerationState.class, "postId",
            PostTag.class, "postId", PostText.class, "postId", QualityProblem.class, "postId");

    /** The settings facts: the same for every member, so no evaluation of one member can be told by them from another. */
    static final Set<String> SETTINGS = Set.of("org.planetrewards.model.QualitySettings", "org.planetrewards.model.Tag",
            "org.planetrewards.model.Campaign");

    /** The field of a type a pack declares that holds its member, as in the engine's records. */
    static final String DECLARED_MEMBER = "member";

    /** The kind of key the accessor {@code method} of {@code type} reads, or null when it reads none. */
    static Kind kind(Class<?> type, String method) {
        if (method == null || type == null) {
            return null;
        }
        if (method.equals(memberField(type))) {
            return Kind.MEMBER;
        }
        return method.equals(POST.get(type)) ? Kind.POST : null;
    }

    /** The field of {@code type} that holds its member, or null when it has none. */
    static String memberField(Class<?> type) {
        String field = MEMBER.get(type);
        return field != null || DECLARED_READER.get(type) == NONE ? field : DECLARED_MEMBER;
    }

    /**
     * For a type the pack declares with a text field {@code member}, its getter: a member key like the records'
     * (checked on every fact a batch derives, like theirs, so a fact naming another member gives the batch up).
     * {@link #NONE} for any other type. A plain method handle, not a generated lambda: the type lives in the
     * rule base's class loader, which a lambda class defined here could not see.
     */
    private static final ClassValue<Function<Object, String>> DECLARED_READER = new ClassValue<>() {
        @Override
        protected Function<Object, String> computeValue(Class<?> type) {
            if (type == null || !DroolsInternals.declaredByPack(type)) {
                return NONE;
            }
            MethodHandle getter;
            try {
                getter = MethodHandles.publicLookup().findVirtual(type, "getMember", MethodType.methodType(String.class))
                        .asType(MethodType.methodType(String.class, Object.class));
            } catch (NoSuchMethodException | IllegalAccessException e) {
                return NONE; // no text field member: no key
            }
            return fact -> {
                try {
                    return (String) getter.invokeExact(fact);
                } catch (Throwable e) {
                    throw new IllegalStateException("cannot read member of " + type.getName() + ": " + e, e);
                }
            };
        }
    };

    private static final Function<Object, String> NONE = fact -> null;
    private static final ClassValue<Function<Object, String>> MEMBER_READER = reader(MEMBER);
    private static final ClassValue<Function<Object, String>> POST_READER = reader(POST);

    /**
     * Each record's key accessor as a function the JIT inlines like a direct call: read for every fact a
     * batch derives, where reflection cost a fiftieth of a dense replay.
     */
    private static ClassValue<Function<Object, String>> reader(Map<Class<?>, String> fields) {
        return new ClassValue<>() {
            @Override
            protected Function<Object, String> computeValue(Class<?> type) {
                String name = fields.get(type);
                if (name == null) {
                    return fields == MEMBER ? DECLARED_READER.get(type) : NONE;
                }
                try {
                    MethodHandles.Lookup lookup = MethodHandles.lookup();
                    MethodHandle accessor = lookup.findVirtual(type, name, MethodType.methodType(String.class));
                    @SuppressWarnings("unchecked")
                    Function<Object, String> f = (Function<Object, String>) LambdaMetafactory.metafactory(lookup, "apply",
                            MethodType.methodType(Function.class), MethodType.methodType(Object.class, Object.class), accessor,
                            MethodType.methodType(String.class, type)).getTarget().invoke();
                    return f;
                } catch (Throwable e) {
                    throw new IllegalStateException("no accessor " + name + " on " + type.getName() + ": " + e, e);
                }
            }
        };
    }

    /** The member a model record names, or null when it has no member key. */
    static String member(Object fact) {
        return MEMBER_READER.get(fact.getClass()).apply(fact);
    }

    /** The post a model record names, or null when it has no post key. */
    static String post(Object fact) {
        return POST_READER.get(fact.getClass()).apply(fact);
    }
}
