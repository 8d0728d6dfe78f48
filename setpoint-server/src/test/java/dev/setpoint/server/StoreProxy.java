package dev.setpoint.server;

import dev.setpoint.server.store.DecisionGroup;
import dev.setpoint.server.store.Store;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link Store} that passes every call to a real one, after a step of the test's own. */
public final class StoreProxy {

  /** What the test does before a call: wait, count, or throw instead. */
  @FunctionalInterface
  public interface Step {
    void before(String method, Object[] args) throws Throwable;
  }

  private StoreProxy() {}

  /** {@code real}, with {@code step} before each call. */
  public static Store around(Store real, Step step) {
    return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
        (proxy, method, args) -> {
          step.before(method.getName(), args == null ? new Object[0] : args);
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /**
   * A store whose commits of decisions wait until {@link #release}: requests stay in flight as long
   * as the test likes. Counts the commits and the decisions they hold.
   */
  public static final class HeldCommits {
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger records = new AtomicInteger();
    private final Store store;

    public HeldCommits(Store real) {
      this.store = around(real, (method, args) -> {
        if (method.equals("appendGroups")) {
          commits.incrementAndGet();
          for (Object g : (List<?>) args[0]) {
            records.addAndGet(((DecisionGroup) g).size());
          }
          release.await();
        }
      });
    }

    /** The store to serve from. */
    public Store store() {
      return store;
    }

    /** Lets every commit, held or to come, go on. */
    public void release() {
      release.countDown();
    }

    /** Commits begun so far. */
    public int commits() {
      return commits.get();
    }

    /** Decisions in the commits begun so far. */
    public int records() {
      return records.get();
    }
  }
}
