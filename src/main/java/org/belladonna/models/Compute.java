package org.belladonna.models;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * The one place that decides where neural-network work runs and with how many threads.
 * Everything else asks this class instead of calling {@code Engine} or {@code Device} itself.
 */
public final class Compute {
    private static volatile Compute instance;

    private final Device device;
    private final int threads;

    private Compute(Device device, int threads) {
        this.device = device;
        this.threads = threads;
    }

    /** Initialises PyTorch once: intra-op threads = all cores unless {@code BELLADONNA_THREADS} says otherwise. */
    public static Compute get() {
        Compute c = instance;
        if (c == null) {
            synchronized (Compute.class) {
                if (instance == null) {
                    int threads = threadsFromEnv();
                    // DJL reads these before the engine loads; offline so a broken install fails fast
                    // instead of reaching for the network.
                    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
                    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
                    System.setProperty("ai.djl.offline", "true");
                    Engine engine = Engine.getEngine("PyTorch");
                    Device device = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
                    instance = new Compute(device, threads);
                }
                c = instance;
            }
        }
        return c;
    }

    private static int threadsFromEnv() {
        String env = System.getenv("BELLADONNA_THREADS");
        if (env != null && env.matches("\\d+") && Integer.parseInt(env) > 0) {
            return Integer.parseInt(env);
        }
        return Runtime.getRuntime().availableProcessors();
    }

    public Device device() {
        return device;
    }

    /** Intra-op threads PyTorch was given; the PyTorch side of a bench runs with the same number. */
    public int threads() {
        return threads;
    }

    /** Human-readable, e.g. "cpu (2 threads)" or "gpu(0)". */
    public String describe() {
        return device.isGpu() ? device.toString() : "cpu (" + threads + " threads)";
    }
}
