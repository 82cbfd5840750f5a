package org.rnn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShardPlanTest {

    @Test
    void everyRowBelongsToExactlyOneShardOfNearlyEqualSize() {
        for (int rows = 0; rows <= 13; rows++) {
            for (int workers = 1; workers <= 5; workers++) {
                ShardPlan plan = ShardPlan.of(rows, workers, 42);
                int[] seen = new int[rows];
                int min = Integer.MAX_VALUE;
                int max = 0;
                for (int w = 0; w < workers; w++) {
                    int[] mine = plan.rows(w);
                    min = Math.min(min, mine.length);
                    max = Math.max(max, mine.length);
                    for (int i = 0; i < mine.length; i++) {
                        seen[mine[i]]++;
                        assertTrue(i == 0 || mine[i - 1] < mine[i], "rows ascending");
                    }
                }
                int[] once = new int[rows];
                Arrays.fill(once, 1);
                assertArrayEquals(once, seen, rows + " rows on " + workers + " workers");
                assertTrue(max - min <= 1, "sizes " + min + ".." + max);
            }
        }
    }

    @Test
    void theSeedDecidesThePlan() {
        assertArrayEquals(ShardPlan.of(40, 3, 7).rows(1), ShardPlan.of(40, 3, 7).rows(1));
        assertFalse(Arrays.equals(ShardPlan.of(40, 3, 7).rows(1), ShardPlan.of(40, 3, 8).rows(1)),
                "another seed, another assignment");
    }

    @Test
    void rejectsNoWorkers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShardPlan.of(4, 0, 1));
        assertEquals("a shard plan needs rows >= 0 and workers >= 1, got rows 4, workers 0", e.getMessage());
    }
}
