package org.rnn4j.core.train;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/** The iterator both datasets hand out: batches {@code from .. count-1}, each made on demand. */
final class Batches {

    private Batches() {
    }

    /**
     * @param from the first batch, 0 .. count
     * @param count batches in an epoch
     * @param make makes batch i
     * @return the iterator
     * @throws IllegalArgumentException if {@code from} is outside 0 .. count
     */
    static Iterator<Batch> range(int from, int count, IntFunction<Batch> make) {
        if (from < 0 || from > count) {
            throw new IllegalArgumentException("an epoch of " + count + " batches cannot start at batch " + from);
        }
        return new Iterator<>() {
            private int next = from;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return make.apply(next++);
            }
        };
    }
}
