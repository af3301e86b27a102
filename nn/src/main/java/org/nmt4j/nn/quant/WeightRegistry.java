package org.nmt4j.nn.quant;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A map from weight arrays to another form of them (int8, bf16), keyed by the identity of the
 * array object (never by value or address) and held weakly: an entry goes when its array is no
 * longer referenced, and no other array, even one over the same memory, is ever taken for a
 * registered one.
 *
 * @param <V> the other form
 */
final class WeightRegistry<V> {
  private final ConcurrentHashMap<Key, V> forms = new ConcurrentHashMap<>();
  private final ReferenceQueue<INDArray> gone = new ReferenceQueue<>();
  private volatile boolean any;

  /** Registers {@code form} for {@code weights} (replacing an earlier one). */
  void put(INDArray weights, V form) {
    expunge();
    forms.put(new Key(weights, gone), form);
    any = true;
  }

  /** The form registered for {@code weights}, or null. */
  V get(INDArray weights) {
    if (!any) {
      return null;
    }
    return forms.get(new Key(weights, null));
  }

  /** Whether anything was ever registered (a cheap test before every product). */
  boolean any() {
    return any;
  }

  private void expunge() {
    Object ref;
    while ((ref = gone.poll()) != null) {
      forms.remove(ref);
    }
  }

  /** A weak reference compared by the identity of its referent. */
  private static final class Key extends WeakReference<INDArray> {
    private final int hash;

    Key(INDArray array, ReferenceQueue<INDArray> queue) {
      super(array, queue);
      this.hash = System.identityHashCode(array);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Key other)) {
        return false;
      }
      INDArray mine = get();
      return mine != null && mine == other.get();
    }
  }
}
