package io.tripwire.controlplane.group;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A group commit: items that arrive while a group is being written join the next group, which is
 * written as one unit of work (one statement or one transaction, one commit). There is no timer: a lone
 * item goes at once, and under load groups grow by themselves, so waiting never exceeds one group's
 * write. One group is in flight at a time.
 *
 * <p>The work answers each item on its own ({@link Outcome}): a refusal fails that item alone. When the
 * whole group fails, each item is written again alone, so one bad item never fails the others.
 *
 * @param <T> what a caller asks to have written
 * @param <R> what it gets back
 */
public final class CommitGroups<T, R> {

    /** One item's result: a value (may be {@code null}) or the failure of that item alone. */
    public record Outcome<R>(R value, Throwable failure) {
        public static <R> Outcome<R> of(R value) {
            return new Outcome<>(value, null);
        }

        public static <R> Outcome<R> failed(Throwable failure) {
            return new Outcome<>(null, failure);
        }
    }

    /** Writes a group; answers with one outcome per item, in the items' order. */
    public interface Work<T, R> extends Function<List<T>, Uni<List<Outcome<R>>>> {
    }

    /** What a group did, for metrics. */
    public interface Observer {
        void group(int size);

        void groupRetried();
    }

    private record Pending<T, R>(T item, UniEmitter<? super R> emitter, Context context) {
    }

    private final String name;
    private final int maxGroup;
    private final Work<T, R> work;
    private final Observer observer;
    private final ConcurrentLinkedQueue<Pending<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    public CommitGroups(String name, int maxGroup, Work<T, R> work, Observer observer) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("maxGroup must be at least 1");
        }
        this.name = name;
        this.maxGroup = maxGroup;
        this.work = work;
        this.observer = observer;
    }

    /** Items waiting for a group. */
    public int waiting() {
        return queue.size();
    }

    public Uni<R> submit(T item) {
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Pending<>(item, emitter, Vertx.currentContext()));
            next();
        });
    }

    /** Starts the next group unless one is being written; whoever finishes a group starts the next. */
    private void next() {
        while (!queue.isEmpty() && writing.compareAndSet(false, true)) {
            List<Pending<T, R>> group = take();
            if (group.isEmpty()) {
                writing.set(false);
                continue;
            }
            observer.group(group.size());
            together(group).onTermination().invoke(() -> {
                writing.set(false);
                next();
            }).subscribe().with(ignored -> { }, e -> Log.errorf(e, "%s: group of %d failed", name, group.size()));
            return;
        }
    }

    /** Up to maxGroup items, in arrival order. */
    private List<Pending<T, R>> take() {
        List<Pending<T, R>> group = new ArrayList<>();
        for (Pending<T, R> p = queue.poll(); p != null; p = group.size() < maxGroup ? queue.poll() : null) {
            group.add(p);
        }
        return group;
    }

    private Uni<Void> together(List<Pending<T, R>> group) {
        return Uni.createFrom().deferred(() -> work.apply(group.stream().map(Pending::item).toList()))
                .invoke(outcomes -> {
                    if (outcomes.size() != group.size()) {
                        throw new IllegalStateException(name + ": " + outcomes.size() + " outcomes for " + group.size() + " items");
                    }
                    for (int i = 0; i < group.size(); i++) {
                        answer(group.get(i), outcomes.get(i));
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> group.size() == 1
                        ? Uni.createFrom().voidItem().invoke(() -> answer(group.getFirst(), Outcome.failed(failure)))
                        : alone(group));
    }

    /** After a group failed: each item again on its own (and with its own failure). */
    private Uni<Void> alone(List<Pending<T, R>> group) {
        observer.groupRetried();
        return Multi.createFrom().iterable(group)
                .onItem().transformToUniAndConcatenate(p -> together(List.of(p)))
                .collect().last().replaceWithVoid();
    }

    private void answer(Pending<T, R> pending, Outcome<R> outcome) {
        Runnable complete = outcome.failure() == null
                ? () -> pending.emitter().complete(outcome.value())
                : () -> pending.emitter().fail(outcome.failure());
        if (pending.context() != null) {
            pending.context().runOnContext(ignored -> complete.run()); // answer on the caller's own event loop
        } else {
            complete.run();
        }
    }
}
