package io.tripwire.controlplane.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Group commit without a database: the work records each group and is held open until the test lets it go. */
class CommitGroupsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    record Item(String name) {
        static Item of(String name) {
            return new Item(name);
        }
    }

    private final List<List<String>> groups = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> gates = new CopyOnWriteArrayList<>();
    private int retried;

    /** Writes a group once its gate opens; "bad" fails a whole group, "refused" is refused on its own. */
    private CommitGroups<Item, String> groupsOf(int max, boolean holdEachGroup) {
        CommitGroups.Observer observer = new CommitGroups.Observer() {
            @Override
            public void group(int size) {
            }

            @Override
            public void groupRetried() {
                retried++;
            }
        };
        return new CommitGroups<>("test", max, items -> {
            groups.add(items.stream().map(Item::name).toList());
            CompletableFuture<Void> gate = new CompletableFuture<>();
            gates.add(gate);
            if (!holdEachGroup) {
                gate.complete(null);
            }
            return Uni.createFrom().completionStage(gate).map(ignored -> {
                if (items.size() > 1 && items.stream().anyMatch(i -> i.name().equals("bad"))) {
                    throw new IllegalStateException("the group's statement failed");
                }
                if (items.size() == 1 && items.getFirst().name().equals("bad")) {
                    throw new IllegalStateException("bad alone fails too");
                }
                List<CommitGroups.Outcome<String>> outcomes = new ArrayList<>();
                for (Item i : items) {
                    outcomes.add(i.name().equals("refused") ? CommitGroups.Outcome.failed(new IllegalArgumentException("no"))
                            : CommitGroups.Outcome.of("wrote " + i.name()));
                }
                return outcomes;
            });
        }, observer);
    }

    private static UniAssertSubscriber<String> submit(CommitGroups<Item, String> groups, Item item) {
        return groups.submit(item).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    private void openGate(int index) {
        gates.get(index).complete(null);
    }

    @Test
    void aLoneItemIsWrittenAtOnceInAGroupOfItsOwn() {
        var written = submit(groupsOf(64, false), Item.of("a"));

        assertThat(written.awaitItem(WAIT).getItem()).isEqualTo("wrote a");
        assertThat(groups).containsExactly(List.of("a"));
    }

    @Test
    void itemsArrivingWhileAGroupIsWrittenShareTheNextGroup() {
        var commit = groupsOf(64, true);
        var first = submit(commit, Item.of("a"));
        var later = List.of(submit(commit, Item.of("b")), submit(commit, Item.of("c")), submit(commit, Item.of("d")));

        assertThat(groups).containsExactly(List.of("a"));
        assertThat(commit.waiting()).isEqualTo(3);
        openGate(0);
        first.awaitItem(WAIT);
        openGate(1);

        assertThat(later).allSatisfy(s -> assertThat(s.awaitItem(WAIT).getItem()).startsWith("wrote "));
        assertThat(groups).containsExactly(List.of("a"), List.of("b", "c", "d"));
    }

    @Test
    void aGroupHoldsAtMostMaxGroupItems() {
        var held = groupsOf(2, true);
        var first = submit(held, Item.of("a"));
        var rest = List.of(submit(held, Item.of("b")), submit(held, Item.of("c")), submit(held, Item.of("d")));
        openGate(0);
        first.awaitItem(WAIT);
        openGate(1);
        rest.get(1).awaitItem(WAIT);
        openGate(2);

        rest.forEach(s -> s.awaitItem(WAIT));
        assertThat(groups).containsExactly(List.of("a"), List.of("b", "c"), List.of("d"));
        assertThat(held.waiting()).isZero();
    }

    @Test
    void whenAGroupFailsEachItemIsWrittenAloneAndOnlyTheBadOneFails() {
        var commit = groupsOf(64, true);
        var first = submit(commit, Item.of("a"));
        var good = submit(commit, Item.of("b"));
        var bad = submit(commit, Item.of("bad"));
        var alsoGood = submit(commit, Item.of("c"));
        openGate(0);
        first.awaitItem(WAIT);
        for (int i = 1; i <= 4; i++) { // the failed group, then b, bad and c alone
            openGate(i);
            int next = i + 1;
            await(() -> gates.size() >= Math.min(next, 5));
        }

        assertThat(good.awaitItem(WAIT).getItem()).isEqualTo("wrote b");
        assertThat(alsoGood.awaitItem(WAIT).getItem()).isEqualTo("wrote c");
        assertThat(bad.awaitFailure(WAIT).getFailure()).hasMessage("bad alone fails too");
        assertThat(groups).containsExactly(List.of("a"), List.of("b", "bad", "c"), List.of("b"), List.of("bad"), List.of("c"));
        assertThat(retried).isEqualTo(1);
    }

    @Test
    void anItemTheWorkRefusesFailsAloneWhileItsGroupIsWritten() {
        var commit = groupsOf(64, true);
        var first = submit(commit, Item.of("a"));
        var refused = submit(commit, Item.of("refused"));
        var good = submit(commit, Item.of("b"));
        openGate(0);
        first.awaitItem(WAIT);
        openGate(1);

        assertThat(refused.awaitFailure(WAIT).getFailure()).isInstanceOf(IllegalArgumentException.class);
        assertThat(good.awaitItem(WAIT).getItem()).isEqualTo("wrote b");
        assertThat(groups).containsExactly(List.of("a"), List.of("refused", "b"));
        assertThat(retried).isZero();
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in " + WAIT);
            }
            Thread.onSpinWait();
        }
    }
}
