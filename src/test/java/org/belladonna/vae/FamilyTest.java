package org.belladonna.vae;

import org.belladonna.models.ModelManifest;
import org.belladonna.models.Pin;
import org.belladonna.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every family's files are in the manifest, pinned at one upstream commit. */
class FamilyTest {
    private static final String UPSTREAM = "https://raw.githubusercontent.com/madebyollin/taesd/"
            + "5cccb12dc72074a4be35680c3b108548a7c69978/";

    @ParameterizedTest
    @EnumSource(Family.class)
    void bothFilesArePinnedAtTheUpstreamCommit(Family family) {
        for (String part : List.of("encoder", "decoder")) {
            ModelManifest.Model model = ModelManifest.bundled().require(family.id() + "-" + part);
            String file = family.id() + "_" + part + ".pth";
            assertEquals(file, model.file());
            assertEquals(UPSTREAM + file, model.url().toString());
            assertEquals(Pin.Kind.GIT_BLOB_SHA1, model.pin().kind());
        }
        assertEquals(family.id() + "-encoder", family.encoderId());
        assertEquals(family.id() + "-decoder", family.decoderId());
    }

    @Test
    void theMirroredFilesMatchTheirBlobIds() throws Exception {
        for (String id : List.of("taef2-encoder", "taef2-decoder", "taesana-encoder")) {
            ModelManifest.Model model = ModelManifest.bundled().require(id);
            assertTrue(model.pin().matches(Shared.models().resolve(model.file())), id + " does not match " + model.pin());
        }
    }

    @Test
    void theTaef2PairStaysTheDefault() {
        assertEquals(List.of("taef2-encoder", "taef2-decoder"), ModelManifest.bundled().defaults().stream()
                .map(ModelManifest.Model::id).filter(id -> id.startsWith("tae")).toList());
    }

    @Test
    void unknownIdsNameTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Family.byId("taesd4"));
        assertTrue(e.getMessage().contains("taef2, taesana, taesd, taesdxl, taesd3, taef1"), e.getMessage());
        assertEquals(Family.TAESDXL, Family.byId("taesdxl"));
    }
}
