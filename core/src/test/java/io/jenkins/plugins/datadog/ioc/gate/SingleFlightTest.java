package io.jenkins.plugins.datadog.ioc.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Callers on real threads; requests held on latches, so that nothing depends on timing. */
class SingleFlightTest {
    private static final long FAR = TimeUnit.MINUTES.toNanos(5);
    private final SingleFlight<String, String> flights = new SingleFlight<>();
    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void stopThreads() {
        threads.forEach(Thread::interrupt);
    }

    /** A caller on its own thread; its future ends with its outcome or its exception. */
    private CompletableFuture<SingleFlight.Outcome<String>> caller(String key, long deadline, SingleFlight.Request<String> request) {
        CompletableFuture<SingleFlight.Outcome<String>> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                outcome.complete(flights.run(key, deadline, request, () -> "late"));
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        });
        threads.add(thread);
        thread.start();
        return outcome;
    }

    private void awaitCallers(String key, int callers) throws InterruptedException {
        for (int i = 0; i < 500 && flights.callers(key) != callers; i++) {
            Thread.sleep(10);
        }
        assertThat(flights.callers(key)).isEqualTo(callers);
    }

    @Test
    void concurrentCallersShareOneRequestAndItsAnswer() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        CountDownLatch answer = new CountDownLatch(1);
        SingleFlight.Request<String> request = () -> {
            sent.incrementAndGet();
            answer.await();
            return "found";
        };
        List<CompletableFuture<SingleFlight.Outcome<String>>> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outcomes.add(caller("a", System.nanoTime() + FAR, request));
        }
        awaitCallers("a", 5);

        answer.countDown();

        int joined = 0;
        for (CompletableFuture<SingleFlight.Outcome<String>> outcome : outcomes) {
            assertThat(outcome.get(10, TimeUnit.SECONDS).value()).isEqualTo("found");
            joined += outcome.get().joined() ? 1 : 0;
        }
        assertThat(sent.get()).isEqualTo(1);
        assertThat(joined).isEqualTo(4);
        assertThat(flights.size()).as("nothing kept once answered").isZero();
    }

    @Test
    void differentKeysDoNotWaitForEachOther() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        caller("slow", System.nanoTime() + FAR, () -> {
            never.await();
            return "slow";
        });
        awaitCallers("slow", 1);

        assertThat(flights.run("fast", System.nanoTime() + FAR, () -> "fast", () -> "late").value()).isEqualTo("fast");
    }

    @Test
    void anInterruptedLeaderLeavesAndAWaiterTakesOverWithItsOwnRequest() throws Exception {
        CountDownLatch leaderSending = new CountDownLatch(1);
        CompletableFuture<SingleFlight.Outcome<String>> leader = caller("a", System.nanoTime() + FAR, () -> {
            leaderSending.countDown();
            new CountDownLatch(1).await(); // until interrupted, as a cancelled HTTP call
            return "never";
        });
        leaderSending.await();
        CompletableFuture<SingleFlight.Outcome<String>> waiter = caller("a", System.nanoTime() + FAR, () -> "the waiter's answer");
        CompletableFuture<SingleFlight.Outcome<String>> other = caller("a", System.nanoTime() + FAR, () -> "the other's answer");
        awaitCallers("a", 3);

        threads.get(0).interrupt(); // the build that started the request is aborted

        assertThatThrownBy(() -> leader.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        String first = waiter.get(10, TimeUnit.SECONDS).value();
        String second = other.get(10, TimeUnit.SECONDS).value();
        assertThat(first).as("one took over, the other shares its answer").isEqualTo(second).isNotEqualTo("never");
        assertThat(flights.size()).isZero();
    }

    @Test
    void whenTheLastCallerLeavesNothingGoesOn() throws Exception {
        CountDownLatch sending = new CountDownLatch(1);
        caller("a", System.nanoTime() + FAR, () -> {
            sending.countDown();
            new CountDownLatch(1).await();
            return "never";
        });
        sending.await();

        threads.get(0).interrupt();

        for (int i = 0; i < 500 && flights.size() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(flights.size()).isZero();
        assertThat(flights.run("a", System.nanoTime() + FAR, () -> "afresh", () -> "late").value()).isEqualTo("afresh");
    }

    @Test
    void eachWaiterKeepsItsOwnDeadline() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        CompletableFuture<SingleFlight.Outcome<String>> leader = caller("a", System.nanoTime() + FAR, () -> {
            answer.await();
            return "found";
        });
        awaitCallers("a", 1);

        SingleFlight.Outcome<String> impatient = flights.run("a", System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50),
                () -> "sent again", () -> "late");

        assertThat(impatient.value()).as("gave up at its own deadline, without a request of its own").isEqualTo("late");
        answer.countDown();
        assertThat(leader.get(10, TimeUnit.SECONDS).value()).as("the leader is unaffected").isEqualTo("found");
    }

    @Test
    void aLeaderThatFailsLetsAWaiterTryAgain() throws Exception {
        CountDownLatch failing = new CountDownLatch(1);
        CompletableFuture<SingleFlight.Outcome<String>> leader = caller("a", System.nanoTime() + FAR, () -> {
            failing.await();
            throw new IllegalStateException("a bug in the leader's request");
        });
        awaitCallers("a", 1);
        CompletableFuture<SingleFlight.Outcome<String>> waiter = caller("a", System.nanoTime() + FAR, () -> "answer");
        awaitCallers("a", 2);

        failing.countDown();

        assertThatThrownBy(() -> leader.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(waiter.get(10, TimeUnit.SECONDS).value()).isEqualTo("answer");
    }
}
