package org.belladonna.testing;

import org.belladonna.testing.RawZip.Entry;

import java.util.List;

/** Hostile ZIPs for tests outside this package (the web upload). */
public final class TestZips {
    private TestZips() {
    }

    public static byte[] traversal() {
        byte[] png = TestImages.png(16, 16, 5);
        return RawZip.write(List.of(Entry.file("p/before/1.png", png), Entry.file("../evil.png", png)));
    }
}
