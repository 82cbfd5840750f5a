package org.rnn4j.testkit.gradient;

/**
 * A central finite difference and the rounding noise it carries.
 *
 * <p>Each of L(v + h) and L(v - h) is rounded to within about eps |L| (eps = 2^-52), so their
 * difference divided by 2h is uncertain by about eps max(|L(v + h)|, |L(v - h)|) / h. A loss
 * summed over 32 rows can be 50 or more, which makes this 1e-8 or more: the noise grows with
 * the loss, not with the gradient, so the floor of {@link Tolerance} grows with it.
 *
 * @param slope (L(v + h) - L(v - h)) / ((v + h) - (v - h))
 * @param noise eps max(|L(v + h)|, |L(v - h)|) / h, the rounding uncertainty of {@code slope}
 */
public record Difference(double slope, double noise) {

    /** The unit roundoff of double, 2^-52. */
    public static final double EPS = Math.ulp(1.0);

    /**
     * @param plus L(v + h)
     * @param minus L(v - h)
     * @param up v + h as rounded
     * @param down v - h as rounded
     * @return the difference and its noise
     */
    public static Difference of(double plus, double minus, double up, double down) {
        double width = up - down;
        return new Difference((plus - minus) / width, 2 * EPS * Math.max(Math.abs(plus), Math.abs(minus)) / width);
    }
}
