/** {@code nmt4j evaluate}: BLEU, chrF2 and perplexity of translations against references. */
package org.nmt4j.cli.evaluate;
