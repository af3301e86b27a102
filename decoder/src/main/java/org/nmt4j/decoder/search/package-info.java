/**
 * Step-by-step decoding of a seeded decoder: the {@link org.nmt4j.decoder.search.StepDecoder}
 * contract (a batch of decoder states giving next-token logits) and the strategies that drive it,
 * {@link org.nmt4j.decoder.search.GreedyDecoding} and {@link
 * org.nmt4j.decoder.search.SampledDecoding}, with the {@link
 * org.nmt4j.decoder.search.RepetitionRules} (no repeated n-gram, repetition penalty) and the
 * per-row length limits of a {@link org.nmt4j.decoder.search.SearchRequest}. Plain Java over float arrays: the strategies know
 * nothing of ND4J, so any model that can fill a logits row can be decoded, and the math is tested
 * on hand-made logits.
 */
package org.nmt4j.decoder.search;
