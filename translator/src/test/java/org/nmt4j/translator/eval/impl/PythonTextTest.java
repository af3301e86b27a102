package org.nmt4j.translator.eval.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Python string semantics that the metrics depend on; expectations are Python 3.11's output. */
class PythonTextTest {

    @Test
    void whitespaceIsExactlyPythonsSet() {
        // [hex(c) for c in range(0x110000) if chr(c).isspace()] in Python 3.11
        List<Integer> expected = List.of(0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
                0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029,
                0x202f, 0x205f, 0x3000);
        List<Integer> actual = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (PythonWhitespace.isSpace(cp)) {
                actual.add(cp);
            }
        }
        assertEquals(expected, actual);
    }

    @Test
    void splitStripAndRemove() {
        assertEquals(List.of("a", "b\u200bc", "d"), PythonWhitespace.split(" a\u00a0b\u200bc\u0085 d\u3000"));
        assertEquals(List.of(), PythonWhitespace.split(" \t\n"));
        assertEquals("  x y", PythonWhitespace.rstrip("  x y \u2009\r\n"));
        assertEquals("a b", PythonWhitespace.collapse("  a \t b "));
        assertEquals("a😀b", PythonWhitespace.remove(" a 😀\u202fb"));
    }

    @Test
    void fixedRoundsLikePythonFormat() {
        // f"{x:.2f}" etc. in Python: half-even on the exact binary value.
        assertEquals("0.12", PythonFormat.fixed(0.125, 2));
        assertEquals("0.38", PythonFormat.fixed(0.375, 2));
        assertEquals("2.67", PythonFormat.fixed(2.675, 2));
        assertEquals("48.53", PythonFormat.fixed(48.530827, 2));
        assertEquals("0.944", PythonFormat.fixed(17.0 / 18.0, 3));
        assertEquals("100.0", PythonFormat.fixed(100.0, 1));
        assertEquals("-0.00", PythonFormat.fixed(-0.001, 2));
        assertEquals("2", PythonFormat.fixed(2.5, 0));
    }

    @Test
    void lowerHandlesFinalSigmaLikePython() {
        assertEquals("οδος10,000der", PythonCase.lower("ΟΔΟΣ10,000Der"));
        assertEquals("σας", PythonCase.lower("ΣΑΣ"));
        assertEquals("ασ'α", PythonCase.lower("ΑΣ'Α"));
        assertEquals("ας.", PythonCase.lower("ΑΣ."));
        assertEquals("i\u0307stanbul", PythonCase.lower("İstanbul"));
        assertEquals("straße", PythonCase.lower("STRAßE"));
    }
}
