package org.nmt4j.translator.eval.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per rule of tokenizer 13a; expected outputs are what sacreBLEU 2.6.0 produces. */
class Tokenizer13aTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("Hello, world.", "Hello , world ."),
                Arguments.of("It costs $3.50, or 1,000 yen.", "It costs $ 3.50 , or 1,000 yen ."),
                Arguments.of("a-b 1-2 x-1", "a-b 1 - 2 x-1"),
                Arguments.of("&amp;lt;b&gt; &quot;q&quot;", "< b > \" q \""),
                Arguments.of("<skipped>Der Hund", "Der Hund"),
                Arguments.of("line-\nbreak\nnext", "linebreak next"),
                Arguments.of("It's (hi) [x] {y} a/b a:b a;b", "It's ( hi ) [ x ] { y } a / b a : b a ; b"),
                Arguments.of("x.5 5.x .5 5. ,5", "x . 5 5 . x . 5 5 . , 5"),
                Arguments.of("U.S.A.", "U . S . A ."),
                Arguments.of("Grüße, Straße.", "Grüße , Straße ."),
                Arguments.of("a\u00a0b", "a b"),
                Arguments.of("   ", ""),
                Arguments.of("", ""));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("cases")
    void tokenizesLikeSacrebleu(String line, String expected) {
        assertEquals(expected, new Tokenizer13a().tokenize(line));
    }
}
