/** The {@code nmt4j lm} commands: train, sample and score RNN language models. */
package org.nmt4j.cli.lm;
