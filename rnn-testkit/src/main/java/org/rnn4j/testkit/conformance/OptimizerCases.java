package org.rnn4j.testkit.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rnn4j.testkit.conformance.OptimizerChecks.Case;
import org.rnn4j.testkit.property.Gen;

/** What the optimizer checks draw: the parameter shapes of a case on the quadratic. */
final class OptimizerCases {

    private OptimizerCases() {
    }

    /**
     * The cases of {@link OptimizerChecks}: one to three parameters of 1 to {@value Choices#MAX_SIZE}
     * elements and a seed for their numbers; shrinking keeps the first parameter alone, then makes
     * one smaller.
     *
     * @return the generator
     */
    static Gen<Case> cases() {
        return new Gen<>() {
            @Override
            public Case generate(SplittableRandom r) {
                int count = 1 + r.nextInt(3);
                List<Integer> sizes = new ArrayList<>();
                for (int k = 0; k < count; k++) {
                    sizes.add(1 + r.nextInt(Choices.MAX_SIZE));
                }
                return new Case(sizes, r.nextLong());
            }

            @Override
            public List<Case> shrink(Case c) {
                List<Case> out = new ArrayList<>();
                if (c.sizes().size() > 1) {
                    out.add(new Case(c.sizes().subList(0, 1), c.valueSeed()));
                }
                for (int k = 0; k < c.sizes().size(); k++) {
                    for (int s : Choices.smaller(c.sizes().get(k), 1)) {
                        List<Integer> sizes = new ArrayList<>(c.sizes());
                        sizes.set(k, s);
                        out.add(new Case(sizes, c.valueSeed()));
                    }
                }
                return out;
            }
        };
    }
}
