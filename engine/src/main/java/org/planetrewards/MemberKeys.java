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

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * The fields of the engine's model records that say whose a fact is: a member's id, or the id of a post
 * (a post belongs to one member). What lets facts of several members go through one evaluation
 * ({@link BatchCheck} reads them in compiled constraints, {@link RuleSession#evaluateBatch} in derived
 * facts). Types a pack declares have none: the engine cannot tell whose they are.
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
            Map.entry(PostVersion.class, "member"), Map.entry(Progress.class, "member"), Map.entry(Qualification.class, "member"));

    /** Records with a post key, and its accessor. */
    static final Map<Class<?>, String> POST = Map.of(
            PostVersion.class, "id", HighQualityPost.class, "postId", ModerationState.class, "postId",
            PostTag.class, "postId", PostText.class, "postId", QualityProblem.class, "postId");

    /** The settings facts: the same for every member, so no evaluation of one member can be told by them from another. */
    static final Set<String> SETTINGS = Set.of("org.planetrewards.model.QualitySettings", "org.planetrewards.model.Tag",
            "org.planetrewards.model.Campaign");

    /** The kind of key the accessor {@code method} of {@code type} reads, or null when it reads none. */
    static Kind kind(Class<?> type, String method) {
        if (method == null) {
            return null;
        }
        if (method.equals(MEMBER.get(type))) {
            return Kind.MEMBER;
        }
        return method.equals(POST.get(type)) ? Kind.POST : null;
    }

    private static final ClassValue<Method> MEMBER_READER = reader(MEMBER);
    private static final ClassValue<Method> POST_READER = reader(POST);

    private static ClassValue<Method> reader(Map<Class<?>, String> fields) {
        return new ClassValue<>() {
            @Override
            protected Method computeValue(Class<?> type) {
                String name = fields.get(type);
                try {
                    return name == null ? null : type.getMethod(name);
                } catch (NoSuchMethodException e) {
                    throw new IllegalStateException("no accessor " + name + " on " + type.getName(), e);
                }
            }
        };
    }

    /** The member a model record names, or null when it has no member key. */
    static String member(Object fact) {
        return read(MEMBER_READER.get(fact.getClass()), fact);
    }

    /** The post a model record names, or null when it has no post key. */
    static String post(Object fact) {
        return read(POST_READER.get(fact.getClass()), fact);
    }

    private static String read(Method m, Object fact) {
        if (m == null) {
            return null;
        }
        try {
            return (String) m.invoke(fact);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + m + ": " + e, e);
        }
    }
}
