package org.nmt4j.translator.eval.impl;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fixed-point formatting identical to Python's {@code f"{x:.Nf}"}.
 *
 * <p>Python rounds the exact binary value of the double half-to-even, so {@code 0.125} becomes
 * {@code 0.12} and {@code 2.675} (really 2.67499...) becomes {@code 2.67}. Java's
 * {@code String.format} rounds the shortest decimal representation half-up and would print
 * {@code 0.13} and {@code 2.68}; score lines must match sacreBLEU's character for character.
 */
public final class PythonFormat {

    private PythonFormat() {
    }

    /**
     * Formats a double with a fixed number of decimals.
     *
     * @param value    the number; NaN and infinities are written as Python does
     * @param decimals digits after the point, at least 0
     * @return the formatted number, e.g. {@code "48.53"}
     */
    public static String fixed(double value, int decimals) {
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must be >= 0, got " + decimals);
        }
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String digits = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        // BigDecimal has no negative zero; Python keeps the sign of -0.0 and of values rounding to it.
        boolean negative = value < 0 || (value == 0.0 && 1.0 / value < 0);
        return negative && !digits.startsWith("-") ? "-" + digits : digits;
    }
}
