package org.planetrewards.kafka;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.planetrewards.Decision;
import org.planetrewards.DecisionJson;
import org.planetrewards.Fact;
import org.planetrewards.HistoryReader;
import org.planetrewards.InvalidInputException;
import org.planetrewards.Moderation;
import org.planetrewards.Post;
import org.planetrewards.RewardsEngine;
import org.planetrewards.RuleFailureException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The members of one stream task: their engine, their applied facts and the facts held back while a
 * post's ownership is being settled.
 *
 * <p>The engine lives only in memory; what survives is the log of applied fact lines per member (a
 * changelogged store), committed in the same transaction as the decisions those facts made. A task
 * that starts, here or on another instance after a rebalance, rebuilds its engine by applying each
 * member's log in order and throws the decisions away: they were already sent, in the transaction
 * that wrote the log. Same facts in the same order per member, so the same state (the engine is
 * deterministic in event time).
 *
 * <p>Why a post is held: a moderation names only its post, so it finds the member through the post
 * stage, which learns a post's owner from this stage's {@code claim}. A moderation that came before
 * its post must reach the engine before the post (the engine then applies the post already
 * moderated, as a replay would). So a post waits here for the post stage's answer, which brings those
 * moderations along, and the member's later facts wait behind it to keep the member's order.
 */
final class MemberStage implements Processor<String, String, String, String> {
    private final RewardsTopology.Topics topics;
    private final Supplier<RewardsEngine.Builder> engines;
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, String> members;
    private KeyValueStore<String, String> log;
    private RewardsEngine engine;

    /** Per member: the next log position and the facts held back, oldest first. */
    record Entry(long next, List<Message.Held> held) {
    }

    MemberStage(RewardsTopology.Topics topics, Supplier<RewardsEngine.Builder> engines) {
        this.topics = topics;
        this.engines = engines;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.members = context.getStateStore(RewardsTopology.MEMBERS_STORE);
        this.log = context.getStateStore(RewardsTopology.LOG_STORE);
    }

    /**
     * The task's engine, built on the first record: by then the stores hold everything restored from
     * their changelogs, whoever restored them.
     */
    private RewardsEngine engine() {
        if (engine == null) {
            engine = engines.get().shards(1).build(); // the task is the unit of parallelism
            rebuild();
        }
        return engine;
    }

    private void rebuild() {
        try (KeyValueIterator<String, String> it = log.all()) {
            // Keys are member + NUL + zero-padded position: each member's lines come in their order.
            while (it.hasNext()) {
                var entry = it.next();
                try {
                    engine.apply(HistoryReader.parseLine(entry.value));
                } catch (InvalidInputException | RuleFailureException e) {
                    // It was applied once; refusing it now means other rules or settings than those that
                    // wrote the log. Going on would decide differently from what was already sent.
                    throw new IllegalStateException("task " + context.taskId() + ": the stored fact "
                            + entry.key.replace('\0', '#') + " no longer applies (" + e.getMessage()
                            + "); were the rules or settings changed under a running application id?", e);
                }
            }
        }
    }

    @Override
    public void process(Record<String, String> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        String origin = meta.topic() + "-" + meta.partition() + "@" + meta.offset();
        if (meta.topic().equals(topics.input())) {
            input(record, new Message.Held(record.value(), origin));
            return;
        }
        Message m = Message.parse(record.value());
        String member = record.key();
        switch (m.kind()) {
            case "owned" -> owned(member, m, record);
            case "refused" -> refused(member, m, record);
            case "moderation" -> apply(member, m.held(), HistoryReader.parseLine(m.fact()), record);
            default -> throw new IllegalStateException("unknown message " + record.value());
        }
    }

    private void input(Record<String, String> record, Message.Held line) {
        if (record.value() == null) {
            reject(record, line, "an empty record (no fact)");
            return;
        }
        Fact fact;
        try {
            fact = HistoryReader.parseLine(record.value());
        } catch (InvalidInputException e) {
            reject(record, line, e.problem());
            return;
        }
        if (fact instanceof Moderation m) {
            context.forward(record.withKey(m.post()).withValue(Message.moderation(m.post(), line).toJson()), RewardsTopology.TO_POSTS);
            return;
        }
        String member = fact instanceof Post p ? p.member() : ((org.planetrewards.CheckIn) fact).member();
        if (!member.equals(record.key())) {
            reject(record, line, "the record's key " + quote(record.key()) + " is not the fact's member " + quote(member)
                    + ": check-ins and posts are keyed by their member, so that a member's facts stay in one partition, in order");
            return;
        }
        Entry entry = entry(member);
        List<Message.Held> held = new ArrayList<>(entry.held());
        held.add(line);
        if (entry.held().isEmpty() && !(fact instanceof Post)) {
            apply(member, line, fact, record); // the usual case: nothing held, not a post
            return;
        }
        if (entry.held().isEmpty()) {
            context.forward(record.withKey(((Post) fact).id()).withValue(Message.claim(member, ((Post) fact).id(), line).toJson()),
                    RewardsTopology.TO_POSTS);
        }
        members.put(member, Message.write(new Entry(entry(member).next(), held)));
    }

    private void owned(String member, Message m, Record<String, String> record) {
        Entry entry = entry(member);
        Message.Held head = head(member, entry, m.post());
        for (Message.Held moderation : m.waiting()) {
            apply(member, moderation, HistoryReader.parseLine(moderation.fact()), record);
        }
        apply(member, head, HistoryReader.parseLine(head.fact()), record);
        drain(member, record);
    }

    private void refused(String member, Message m, Record<String, String> record) {
        Message.Held head = head(member, entry(member), m.post());
        reject(record, head, "post " + quote(m.post()) + " belongs to member " + quote(m.owner()) + ", not to " + quote(member));
        drain(member, record);
    }

    /** The held post an answer is about, taken off the queue. */
    private Message.Held head(String member, Entry entry, String post) {
        if (entry.held().isEmpty() || !(HistoryReader.parseLine(entry.held().get(0).fact()) instanceof Post p) || !p.id().equals(post)) {
            throw new IllegalStateException("an answer about post " + post + " for member " + member
                    + ", who is not waiting for it: the internal topics were written by someone else");
        }
        members.put(member, Message.write(new Entry(entry(member).next(), entry.held().subList(1, entry.held().size()))));
        return entry.held().get(0);
    }

    /** Applies what was held behind an answered post, up to the next post, which is claimed in turn. */
    private void drain(String member, Record<String, String> record) {
        while (true) {
            Entry entry = entry(member);
            if (entry.held().isEmpty()) {
                return;
            }
            Message.Held next = entry.held().get(0);
            Fact fact = HistoryReader.parseLine(next.fact());
            if (fact instanceof Post p) {
                context.forward(record.withKey(p.id()).withValue(Message.claim(member, p.id(), next).toJson()), RewardsTopology.TO_POSTS);
                return;
            }
            members.put(member, Message.write(new Entry(entry.next(), entry.held().subList(1, entry.held().size()))));
            apply(member, next, fact, record);
        }
    }

    /** Applies a fact of {@code member}: decisions out, the line into the member's log; a refusal to the rejects topic. */
    private void apply(String member, Message.Held line, Fact fact, Record<String, String> record) {
        List<Decision> decisions;
        try {
            decisions = engine().apply(fact);
        } catch (InvalidInputException e) {
            reject(record, line, e.problem());
            return;
        } catch (RuleFailureException e) {
            reject(record, line, e.getMessage()); // the engine undid the fact; the next ones go on
            return;
        }
        Entry entry = entry(member);
        log.put(member + '\0' + String.format("%010d", entry.next()), line.fact());
        members.put(member, Message.write(new Entry(entry.next() + 1, entry.held())));
        for (Decision d : decisions) {
            // Event time: the decision's own instant, never the wall clock.
            context.forward(new Record<>(d.id(), DecisionJson.toJson(d), d.decidedAt().toInstant().toEpochMilli()),
                    RewardsTopology.TO_DECISIONS);
        }
    }

    private void reject(Record<String, String> record, Message.Held line, String reason) {
        String json = Message.write(new Rejection(line.origin(), reason, line.fact()));
        context.forward(record.withValue(json), RewardsTopology.TO_REJECTS);
    }

    /** A refused input record on the rejects topic: where it was, why, and the line itself. */
    record Rejection(String origin, String reason, String input) {
    }

    private Entry entry(String member) {
        String json = members.get(member);
        return json == null ? new Entry(0, List.of()) : Message.read(json, Entry.class);
    }

    private static String quote(String s) {
        return s == null ? "null" : '"' + s + '"';
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
