package org.rnn4j.testkit.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The runner: tries, shrinking to a local minimum, replay from a reported seed, settings. */
class PropertyRunnerTest {

    /** Whole numbers in [0, 10000), shrinking by halving and by one. */
    private static final Gen<Integer> NUMBERS = new Gen<>() {
        @Override
        public Integer generate(SplittableRandom random) {
            return random.nextInt(10_000);
        }

        @Override
        public List<Integer> shrink(Integer x) {
            List<Integer> out = new ArrayList<>();
            if (x > 0) {
                out.add(x / 2);
                out.add(x - 1);
            }
            return out;
        }
    };

    private static Property<Integer> below(int bound) {
        return new Property<>("below " + bound, NUMBERS, x -> {
            if (x >= bound) {
                throw new AssertionError(x + " >= " + bound);
            }
        });
    }

    @Test
    void aFailingCaseShrinksToTheSmallestCounterexample() {
        PropertyResult<Integer> r = new PropertyRunner(RunSettings.defaults()).run(below(1000));
        assertEquals(1000, r.failure().shrunk(), r.report());
        assertTrue(r.failure().original() >= 1000);
        assertTrue(r.report().contains("smallest failing case"), r.report());
        assertTrue(r.report().contains("because: 1000 >= 1000"), r.report());
    }

    @Test
    void aShrinkThatReachesItsMinimumSaysSo() {
        PropertyResult<Integer> r = new PropertyRunner(RunSettings.defaults()).run(below(1000));
        assertTrue(r.failure().minimal(), r.report());
        assertTrue(r.failure().shrinkAttempts() < PropertyRunner.MAX_SHRINK_ATTEMPTS, r.report());
    }

    @Test
    void aShrinkStoppedByTheLimitIsReportedAsNotMinimal() {
        // A generator whose "simpler" candidate never ends: every number offers the next one.
        Gen<Integer> endless = new Gen<>() {
            @Override
            public Integer generate(SplittableRandom random) {
                return 0;
            }

            @Override
            public List<Integer> shrink(Integer x) {
                return List.of(x + 1);
            }
        };
        Property<Integer> alwaysFails = new Property<>("always fails", endless, x -> {
            throw new AssertionError("no");
        });

        PropertyResult<Integer> r = new PropertyRunner(RunSettings.defaults(), 25).run(alwaysFails);

        assertFalse(r.failure().minimal(), r.report());
        assertEquals(25, r.failure().shrinkSteps(), r.report());
        assertEquals(25, r.failure().shrunk(), r.report());
        assertTrue(r.report().contains("failing case, shrinking stopped after 25 steps (25 candidates), not minimal: 25"),
                r.report());
        assertFalse(r.report().contains("smallest"), r.report());
        assertThrows(IllegalArgumentException.class, () -> new PropertyRunner(RunSettings.defaults(), -1));
    }

    @Test
    void shrinkingStaysWithTheSameKindOfFailure() {
        // Below 1000 another "bug" throws another exception; shrinking must not wander into it.
        Property<Integer> p = new Property<>("two bugs", NUMBERS, x -> {
            if (x >= 1000) {
                throw new AssertionError("big");
            }
            if (x >= 10) {
                throw new IllegalStateException("other");
            }
        });
        PropertyResult<Integer> r = new PropertyRunner(new RunSettings(100, OptionalLong.of(7))).run(p);
        if (r.failure().original() >= 1000) {
            assertEquals(1000, r.failure().shrunk(), r.report());
        } else {
            assertEquals(10, r.failure().shrunk(), r.report());
            assertInstanceOf(IllegalStateException.class, r.failure().error());
        }
    }

    @Test
    void theReportedSeedReplaysTheFailingCaseFirst() {
        PropertyResult<Integer> first = new PropertyRunner(new RunSettings(100, OptionalLong.of(3))).run(below(9000));
        assertTrue(first.failure().caseIndex() > 0, "this test needs a failure after the first case: " + first.report());

        long seed = first.failure().caseSeed();
        assertTrue(first.report().contains("-Drnn4j.seed=" + seed), first.report());
        PropertyResult<Integer> replay = new PropertyRunner(new RunSettings(1, OptionalLong.of(seed))).run(below(9000));
        assertEquals(0, replay.failure().caseIndex());
        assertEquals(first.failure().original(), replay.failure().original());
        assertEquals(first.failure().shrunk(), replay.failure().shrunk());
    }

    @Test
    void aPassingPropertyRunsEveryTryAndAFixedOneRunsOnce() {
        AtomicInteger calls = new AtomicInteger();
        Property<Integer> p = new Property<>("counts", NUMBERS, x -> calls.incrementAndGet());
        PropertyResult<Integer> r = new PropertyRunner(new RunSettings(37, OptionalLong.empty())).run(p);
        assertTrue(r.passed());
        assertEquals(37, r.cases());
        assertEquals(37, calls.get());

        AtomicInteger once = new AtomicInteger();
        PropertyResult<Property.Fixed> f = new PropertyRunner(new RunSettings(37, OptionalLong.empty()))
                .run(Property.once("fixed", once::incrementAndGet));
        assertEquals(1, f.cases());
        assertEquals(1, once.get());
    }

    @Test
    void aCrashIsAFailureNamedByItsClass() {
        Property<Integer> p = new Property<>("crash", NUMBERS, x -> {
            throw new ArithmeticException("boom at " + x);
        });
        PropertyResult<Integer> r = new PropertyRunner(RunSettings.defaults()).run(p);
        assertEquals(0, r.failure().shrunk(), "any number crashes, so 0 is the smallest");
        assertTrue(r.report().contains("java.lang.ArithmeticException: boom at 0"), r.report());
    }

    @Test
    void theSameSettingsGiveTheSameCasesAndOtherSeedsOtherOnes() {
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        List<Integer> c = new ArrayList<>();
        new PropertyRunner(RunSettings.defaults()).run(new Property<>("p", NUMBERS, a::add));
        new PropertyRunner(RunSettings.defaults()).run(new Property<>("p", NUMBERS, b::add));
        new PropertyRunner(new RunSettings(100, OptionalLong.of(1))).run(new Property<>("p", NUMBERS, c::add));
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertNotEquals(RunSettings.defaults().runSeed("p"), RunSettings.defaults().runSeed("q"),
                "each property has its own default seed");
        assertEquals(42L, RunSettings.caseSeed(42L, 0));
    }

    @Test
    void settingsComeFromSystemPropertiesAndBadOnesAreNamed() {
        String tries = System.getProperty(RunSettings.TRIES_PROPERTY);
        String seed = System.getProperty(RunSettings.SEED_PROPERTY);
        try {
            System.setProperty(RunSettings.TRIES_PROPERTY, "12");
            System.setProperty(RunSettings.SEED_PROPERTY, "-5");
            assertEquals(new RunSettings(12, OptionalLong.of(-5)), RunSettings.fromSystemProperties());
            System.setProperty(RunSettings.SEED_PROPERTY, " ");
            assertEquals(OptionalLong.empty(), RunSettings.fromSystemProperties().seed(), "blank means unset");
            System.setProperty(RunSettings.TRIES_PROPERTY, "many");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, RunSettings::fromSystemProperties);
            assertTrue(e.getMessage().contains("-Drnn4j.tries must be a whole number in [1, 1000000], got 'many'"),
                    e.getMessage());
            System.setProperty(RunSettings.TRIES_PROPERTY, "0");
            assertThrows(IllegalArgumentException.class, RunSettings::fromSystemProperties);
            System.setProperty(RunSettings.TRIES_PROPERTY, "3");
            System.setProperty(RunSettings.SEED_PROPERTY, "0x12");
            e = assertThrows(IllegalArgumentException.class, RunSettings::fromSystemProperties);
            assertTrue(e.getMessage().contains("-Drnn4j.seed"), e.getMessage());
        } finally {
            restore(RunSettings.TRIES_PROPERTY, tries);
            restore(RunSettings.SEED_PROPERTY, seed);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
