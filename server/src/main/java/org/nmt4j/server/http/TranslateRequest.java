package org.nmt4j.server.http;

import java.util.List;
import org.nmt4j.translator.DecodingOptions;
import org.nmt4j.translator.Translator;

/**
 * One parsed and checked {@code POST /v1/translate} request.
 *
 * @param model the served model's name
 * @param translator its translator
 * @param texts the sentences, at least one
 * @param options how to decode them
 * @param sourceTokens the source token count of every sentence (for metrics)
 */
public record TranslateRequest(
    String model, Translator translator, List<String> texts, DecodingOptions options,
    int[] sourceTokens) {}
