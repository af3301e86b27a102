/** Count-based baselines (unigram, bigram) for a language model's loss. */
package org.nmt4j.lm.baseline;
