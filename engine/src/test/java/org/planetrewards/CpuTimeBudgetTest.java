package org.planetrewards;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fact's time budget is the CPU time of the thread evaluating it. On a busy machine a thread waits for
 * a core without spending anything, and must not be given up for it (replays stopped at a load above 20
 * when the budget was wall-clock time); a thread that does spend its budget still is.
 *
 * <p>A thread blocked in a socket read stands in for one waiting for a core: Java reports it runnable,
 * and it spends no CPU time.
 */
class CpuTimeBudgetTest {
    private static final long GRACE = Duration.ofMillis(20).toNanos();

    private static RuleSession session(Duration perFact) {
        Settings tight = Settings.defaults().withLimits(new Settings.RuleLimits(perFact, 100_000));
        return new RuleSession(CompiledRules.compile(RulePack.defaults()), tight);
    }

    @Test
    void aFactWhoseThreadSpentNoCpuTimeIsNotGivenUpHoweverLongTheWallClockRuns() throws Exception {
        InetAddress here = InetAddress.getLoopbackAddress();
        try (RuleSession session = session(Duration.ofMillis(50));
             ServerSocket server = new ServerSocket(0, 1, here);
             Socket client = new Socket(here, server.getLocalPort());
             Socket accepted = server.accept()) {
            InputStream in = accepted.getInputStream();
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread evaluating = new Thread(() -> {
                try {
                    outcome.set(session.budgeted(() -> {
                        started.countDown();
                        try {
                            return in.read();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }));
                } catch (Throwable t) {
                    outcome.set(t);
                }
            });
            evaluating.start();
            started.await();
            Thread.sleep(200); // four times the budget on the wall clock
            for (int look = 0; look < 10; look++) {
                assertThat(evaluating.getState()).isEqualTo(Thread.State.RUNNABLE);
                assertThat(session.overdue(System.nanoTime(), GRACE)).as("the watchdog's look %d", look).isNull();
                Thread.sleep(30);
            }
            client.getOutputStream().write(7);
            evaluating.join(10_000);
            assertThat(outcome.get()).isEqualTo(7);
        }
    }

    @Test
    void aFactWhoseThreadSpinsThroughItsCpuTimeIsStillGivenUp() throws Exception {
        try (RuleSession session = session(Duration.ofMillis(50))) {
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Object> outcome = new AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread evaluating = new Thread(() -> {
                try {
                    outcome.set(session.budgeted(() -> {
                        started.countDown();
                        long spins = 0;
                        while (!stop.get()) {
                            spins++; // a loop inside one consequence: no check of the engine's reaches it
                        }
                        return spins;
                    }));
                } catch (Throwable t) {
                    outcome.set(t);
                }
            });
            evaluating.start();
            started.await();
            RuleFailureException given = null;
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (given == null && System.nanoTime() < until) {
                Thread.sleep(20);
                given = session.overdue(System.nanoTime(), GRACE);
            }
            stop.set(true);
            evaluating.join(10_000);
            assertThat(given).isNotNull();
            assertThat(given.getMessage()).contains("time budget").contains("could not be stopped");
            assertThat(outcome.get()).isSameAs(given); // what the thread did after it was given up does not count
        }
    }
}
