/**
 * Implementation of the decoding strategies: the shared step loop, the sampler with top-k and
 * top-p truncation, the per-row state of the repetition rules (n-gram tables, distinct-token
 * sets) and the row reductions (max, argmax, log-sum-exp with a fast float exp).
 */
package org.nmt4j.decoder.search.impl;
