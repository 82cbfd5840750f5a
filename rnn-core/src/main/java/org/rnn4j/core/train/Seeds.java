package org.rnn4j.core.train;

import java.util.SplittableRandom;

/**
 * Derived seeds: one generator per (seed, epoch), so that no generator state needs saving and
 * epoch e's shuffle is the same whether a run gets there straight or resumed.
 */
final class Seeds {

    private Seeds() {
    }

    /**
     * The generator of an epoch's shuffle: seeded with SplitMix64's finaliser (G. Steele,
     * D. Lea and C. Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014) of
     * {@code seed + (epoch + 1) * golden gamma}.
     *
     * @param seed the run's seed
     * @param epoch the epoch
     * @return a new generator
     */
    static SplittableRandom forEpoch(long seed, int epoch) {
        long z = seed + (epoch + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }
}
