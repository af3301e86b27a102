package org.nmt4j.corpora.batch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Several training corpora mixed in fixed proportions, as OpenNMT-py's weighted corpora and
 * Marian's data weighting do.
 *
 * <p>Semantics: the weights are sampling proportions. The pairs of an epoch are interleaved by a
 * smooth weighted round-robin (each slot goes to the corpus with the largest credit; every slot
 * adds each corpus's weight to its credit and takes the sum of the weights from the chosen one),
 * so every stretch of the stream, and hence every pool of the batcher, holds the corpora in the
 * weights' proportion, up to one pair per corpus. An epoch is one pass over the <em>first</em>
 * corpus: it ends with the first corpus's last pair, and then holds about {@code n_0 * w_i / w_0}
 * pairs of corpus {@code i}. The other corpora are read from a fresh shuffle at every epoch (the
 * epoch's seed mixed with the corpus number), so an epoch draws a different part of a large
 * corpus each time, and a corpus that runs out within an epoch starts over with a new shuffle.
 * Everything is a function of the seed the batcher passes, so an epoch is reproducible and a
 * resumed epoch identical. Pair indices are offset by the sizes of the corpora before, so they
 * stay distinct.
 */
public final class WeightedPairSource implements PairSource {

  private final List<PairSource> sources;
  private final long[] sizes;
  private final double[] weights;

  /**
   * @param sources the corpora, the first one defining the epoch
   * @param sizes the number of pairs of each, each at least 1
   * @param weights the sampling weight of each, each > 0
   */
  public WeightedPairSource(List<? extends PairSource> sources, long[] sizes, double[] weights) {
    if (sources.isEmpty() || sources.size() != sizes.length || sizes.length != weights.length) {
      throw new IllegalArgumentException("one size and one weight per corpus, and at least one corpus");
    }
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] > 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("corpus weight must be > 0, got " + weights[i]);
      }
      if (sizes[i] < 1) {
        throw new IllegalArgumentException("corpus " + (i + 1) + " has no pairs");
      }
    }
    this.sources = List.copyOf(sources);
    this.sizes = sizes.clone();
    this.weights = weights.clone();
  }

  /** The pairs of one epoch: those of the first corpus and the others' shares. */
  public long pairsPerEpoch() {
    long[] taken = new long[sizes.length];
    double[] credit = new double[sizes.length];
    while (taken[0] < sizes[0]) {
      taken[pick(credit)]++;
    }
    long total = 0;
    for (long t : taken) {
      total += t;
    }
    return total;
  }

  private int pick(double[] credit) {
    double sum = 0;
    int best = 0;
    for (int i = 0; i < credit.length; i++) {
      credit[i] += weights[i];
      sum += weights[i];
      if (credit[i] > credit[best]) {
        best = i;
      }
    }
    credit[best] -= sum;
    return best;
  }

  @Override
  public Stream<EncodedPair> open(boolean shuffle, long shuffleSeed) {
    int k = sources.size();
    long[] base = new long[k];
    for (int i = 1; i < k; i++) {
      base[i] = base[i - 1] + sizes[i - 1];
    }
    List<Stream<EncodedPair>> open = new ArrayList<>();
    List<Iterator<EncodedPair>> its = new ArrayList<>();
    int[] passes = new int[k];
    for (int i = 0; i < k; i++) {
      Stream<EncodedPair> s = sources.get(i).open(shuffle, seed(shuffleSeed, i, 0));
      open.add(s);
      its.add(s.iterator());
    }
    double[] credit = new double[k];
    Iterator<EncodedPair> it = new Iterator<>() {
      private EncodedPair pending;
      private boolean done;
      private long fromFirst;

      @Override
      public boolean hasNext() {
        if (pending != null) {
          return true;
        }
        if (done || fromFirst == sizes[0]) {
          return false;
        }
        int i = pick(credit);
        if (!its.get(i).hasNext()) {
          if (i == 0) {
            done = true;
            return false;
          }
          open.get(i).close();
          Stream<EncodedPair> s = sources.get(i).open(shuffle, seed(shuffleSeed, i, ++passes[i]));
          open.set(i, s);
          its.set(i, s.iterator());
        }
        EncodedPair p = its.get(i).next();
        if (i == 0) {
          fromFirst++;
        }
        pending = i == 0 ? p : new EncodedPair(p.source(), p.target(), base[i] + p.index());
        return true;
      }

      @Override
      public EncodedPair next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        EncodedPair p = pending;
        pending = null;
        return p;
      }
    };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(() -> open.forEach(Stream::close));
  }

  private static long seed(long epochSeed, int corpus, int pass) {
    return corpus == 0 && pass == 0 ? epochSeed : Seeds.mix(epochSeed, corpus, pass);
  }
}
