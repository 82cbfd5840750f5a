package org.rnn4j.core.math;

import java.util.Locale;

/**
 * The length of an array that holds a product of sizes (T x B x V, T x B x G*H, ...), computed
 * without overflow: a product past what one Java array holds is an IllegalArgumentException that
 * names the sizes, where plain {@code int} arithmetic would wrap to a negative length (a
 * {@code NegativeArraySizeException}) or, worse, to a small positive one.
 */
public final class ArraySize {

    /** The most elements one Java array may have (HotSpot refuses a few less than 2^31 - 1). */
    public static final int MAX = Integer.MAX_VALUE - 8;

    private ArraySize() {
    }

    /**
     * @param what what the array holds, for the message ("the lstm layer's gate pre-activations")
     * @param sizes the factors, each &gt;= 0
     * @return their product
     * @throws IllegalArgumentException if the product exceeds {@link #MAX}
     */
    public static int of(String what, int... sizes) {
        long n = 1;
        boolean over = false;
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException(what + ": a size is negative (" + s + ")");
            }
            n *= s;
            if (n > MAX) {
                over = true; // keep checking for a 0, which makes the product 0
                n = MAX + 1L;
            }
        }
        if (over && n != 0) {
            StringBuilder product = new StringBuilder();
            double exact = 1;
            for (int s : sizes) {
                product.append(product.length() == 0 ? "" : " x ").append(s);
                exact *= s;
            }
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s needs %s = %,.0f values, more than one "
                    + "Java array holds (%,d); use smaller sizes", what, product, exact, MAX));
        }
        return (int) n;
    }
}
