package org.planetrewards.kafka;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The posts of one stream task (keyed by post id): whose each post is, and the moderations that came
 * before their post. What the engine's router does in one process, spread over partitions: a
 * moderation goes on to its post's member, or waits here until the member claims the post, and then
 * travels with the answer so that the member's engine has it before the post.
 */
final class PostStage implements Processor<String, String, String, String> {
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, String> posts;

    /** A post's owner (null until claimed) and the moderations waiting for it, in arrival order. */
    record Route(String member, List<Message.Held> waiting) {
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.posts = context.getStateStore(RewardsTopology.POSTS_STORE);
    }

    @Override
    public void process(Record<String, String> record) {
        Message m = Message.parse(record.value());
        String post = record.key();
        String json = posts.get(post);
        Route route = json == null ? new Route(null, List.of()) : Message.read(json, Route.class);
        switch (m.kind()) {
            case "claim" -> {
                if (route.member() != null && !route.member().equals(m.member())) {
                    context.forward(record.withKey(m.member()).withValue(Message.refused(post, route.member()).toJson()));
                    return;
                }
                posts.put(post, Message.write(new Route(m.member(), List.of())));
                context.forward(record.withKey(m.member()).withValue(Message.owned(post, route.waiting()).toJson()));
            }
            case "moderation" -> {
                if (route.member() != null) {
                    context.forward(record.withKey(route.member()).withValue(m.toJson()));
                    return;
                }
                List<Message.Held> waiting = new ArrayList<>(route.waiting());
                waiting.add(m.held());
                posts.put(post, Message.write(new Route(null, waiting)));
            }
            default -> throw new IllegalStateException("unknown message " + record.value());
        }
    }
}
