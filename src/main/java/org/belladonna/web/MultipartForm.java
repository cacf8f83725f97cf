package org.belladonna.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadByteCountLimitException;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet5.JakartaServletFileUpload;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A multipart form read once, as it arrives (Commons FileUpload 2's streaming API): text fields into memory
 * (each at most 64 KiB), each file part straight to the handler's {@link FileSink}, which writes it where it
 * belongs (a file under data/incoming, the score parser, an image buffer). Jetty never spools the body,
 * nothing is copied twice, and every limit of the {@link UploadRoute} is a 413 with its own message: the
 * whole body, one file, the number of parts.
 *
 * <p>Call only after the before-handlers (Host, sign-in, form token, declared size) have passed: this is
 * where the body is read.
 */
final class MultipartForm implements AutoCloseable {
    /** Where file parts go. {@code content} ends at the part's end; the sink need not read all of it. */
    interface FileSink {
        void accept(String field, String fileName, InputStream content) throws IOException;
    }

    private final Map<String, List<String>> fields;
    private RequestAdmission.Ticket ticket;

    private MultipartForm(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    /** The first value of a text field, or null. */
    String field(String name) {
        List<String> v = fields.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    List<String> fields(String name) {
        return fields.getOrDefault(name, List.of());
    }

    /**
     * Reads the body, handing file parts to {@code files}. Asks the request admission first, with what the
     * handler will hold in memory; the returned form holds that ticket until it is closed, so use it in a
     * try-with-resources around everything that works on what was read.
     */
    static MultipartForm read(Context ctx, UploadRoute route, FileSink files) throws IOException {
        HttpServletRequest req = ctx.req();
        if (!JakartaServletFileUpload.isMultipartContent(req)) {
            throw new BadRequestResponse("Send the form as multipart/form-data (a file upload).");
        }
        long declared = req.getContentLengthLong();
        long held = route.inMemory ? (declared >= 0 ? declared : route.maxBytes) : 64 << 10;
        RequestAdmission.Ticket ticket = ctx.appData(RequestAdmission.KEY)
                .admit(route.name().toLowerCase(java.util.Locale.ROOT), held);
        try {
            MultipartForm form = parse(req, route, files);
            form.ticket = ticket;
            return form;
        } catch (IOException | RuntimeException e) {
            ticket.close();
            throw e;
        }
    }

    /** Gives the memory this request was admitted with back. */
    @Override
    public void close() {
        if (ticket != null) {
            ticket.close();
            ticket = null;
        }
    }

    private static MultipartForm parse(HttpServletRequest req, UploadRoute route, FileSink files) throws IOException {
        var upload = new JakartaServletFileUpload<>();
        upload.setMaxSize(route.maxBytes);          // a chunked body is counted and cut off here
        upload.setMaxFileSize(route.maxFileBytes);  // per part
        upload.setMaxPartHeaderSize(8 << 10);
        Map<String, List<String>> fields = new HashMap<>();
        int parts = 0;
        long fieldBytes = 0;
        try {
            // setMaxFileCount is enforced by parseRequest only, not by the iterator: parts are counted here.
            FileItemInputIterator it = upload.getItemIterator(new BufferedBody(req));
            while (it.hasNext()) {
                FileItemInput item = it.next();
                if (++parts > route.maxParts) {
                    throw new ContentTooLargeResponse("The form has more than " + route.maxParts + " parts.");
                }
                if (item.isFormField()) {
                    byte[] value;
                    try (InputStream in = item.getInputStream()) {
                        value = in.readNBytes(UploadRoute.MAX_FIELD_BYTES + 1);
                    }
                    if (value.length > UploadRoute.MAX_FIELD_BYTES || (fieldBytes += value.length) > UploadRoute.FORM_BYTES) {
                        throw new ContentTooLargeResponse("The form's field \"" + Uploads.displayName(item.getFieldName())
                                + "\" is longer than this server accepts.");
                    }
                    fields.computeIfAbsent(item.getFieldName(), k -> new ArrayList<>()).add(new String(value, StandardCharsets.UTF_8));
                    continue;
                }
                try (InputStream in = item.getInputStream()) {
                    files.accept(item.getFieldName(), item.getName() == null ? "" : item.getName(), in);
                }
            }
            return new MultipartForm(fields);
        } catch (java.io.UncheckedIOException e) {
            // A sink that reads through a parser (the score CSV) gets the limit as an unchecked wrapper.
            throw refusal(e.getCause(), route);
        } catch (IOException e) {
            throw refusal(e, route);
        }
    }

    /** A limit or a malformed body as the HTTP answer it deserves; any other I/O failure as it is. */
    private static RuntimeException refusal(IOException e, UploadRoute route) throws IOException {
        if (e instanceof FileUploadByteCountLimitException limit) {
            return new ContentTooLargeResponse("The file \"" + Uploads.displayName(limit.getFileName()) + "\" is larger than "
                    + UploadRoute.mib(route.maxFileBytes) + ", the most this address takes for one file.");
        }
        if (e instanceof FileUploadSizeException) {
            return new ContentTooLargeResponse("The upload is larger than " + UploadRoute.mib(route.maxBytes)
                    + ", the most this address takes.");
        }
        if (e instanceof FileUploadException) {
            return new BadRequestResponse("The upload is not a well-formed form (" + e.getMessage() + ").");
        }
        throw e;
    }

    /**
     * FileUpload reads the body 4 KiB at a time (not settable through JakartaServletFileUpload) and each read
     * of Jetty's input takes a lock: a 64 KiB buffer in between makes those reads plain copies.
     */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private ServletInputStream buffered;

        BufferedBody(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (buffered == null) {
                ServletInputStream raw = super.getInputStream();
                BufferedInputStream in = new BufferedInputStream(raw, 64 << 10);
                buffered = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        return in.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        return in.read(b, off, len);
                    }

                    @Override
                    public boolean isFinished() {
                        return raw.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return raw.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new IllegalStateException("blocking reads only");
                    }
                };
            }
            return buffered;
        }
    }
}
