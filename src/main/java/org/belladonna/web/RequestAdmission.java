package org.belladonna.web;

import io.javalin.config.Key;

/**
 * The one place an upload asks before its body is read: {@link MultipartForm#read} calls {@link #admit}
 * with how many bytes the handler will hold in memory at most (the declared length, or the address's limit
 * for a chunked body; 64 KiB for bodies streamed to disk or into a parser). It may refuse by throwing an
 * {@code HttpResponseException} (e.g. 503 with a message), or wait; the ticket is closed once the request's
 * memory is released.
 *
 * <p>The server admits through {@link MemoryAdmission}, which shares the jobs' memory budget.
 */
public interface RequestAdmission {
    Key<RequestAdmission> KEY = new Key<>("belladonna-request-admission");

    /** What an admitted request holds; closing it gives its share back. */
    interface Ticket extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param what          the upload, for messages ("protect", "import"...)
     * @param bytesInMemory most bytes this request will hold in memory while it is handled
     */
    Ticket admit(String what, long bytesInMemory);
}
