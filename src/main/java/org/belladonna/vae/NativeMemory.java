package org.belladonna.vae;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * Gives the native memory of finished neural-network work back to the operating system. libtorch
 * allocates through the C library's malloc; glibc keeps freed heap memory in its arenas, so a
 * long-running server's resident size stays at its largest job's peak until something asks for a
 * trim. JNA comes with DJL.
 */
public final class NativeMemory {
    private static final Function MALLOC_TRIM = find();

    private NativeMemory() {
    }

    /** True where the C library is glibc (it has {@code malloc_trim}); elsewhere {@link #trim} does nothing. */
    public static boolean canTrim() {
        return MALLOC_TRIM != null;
    }

    /**
     * {@code malloc_trim(0)}: returns the free pages of every malloc arena to the system. Costs a few
     * milliseconds; call it after a job, not inside one.
     *
     * @return true when memory was released
     */
    public static boolean trim() {
        return MALLOC_TRIM != null && MALLOC_TRIM.invokeInt(new Object[] {0}) == 1;
    }

    private static Function find() {
        try {
            return NativeLibrary.getProcess().getFunction("malloc_trim");
        } catch (UnsatisfiedLinkError | RuntimeException e) {   // not glibc (macOS, musl): nothing to trim this way
            return null;
        }
    }
}
