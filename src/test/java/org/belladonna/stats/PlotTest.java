package org.belladonna.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class PlotTest {
    private static final Analysis ANALYSIS = Analysis.of(StudyShape.experiment());

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static void assertAccessibleAndScalable(Document doc, String id) {
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertTrue(root.getAttribute("viewBox").matches("0(\\.0)? 0(\\.0)? \\d+(\\.0)? \\d+(\\.0)?"), root.getAttribute("viewBox"));
        assertEquals("", root.getAttribute("width"), "sized by viewBox only");
        assertEquals("img", root.getAttribute("role"));
        assertEquals(id + "-title " + id + "-desc", root.getAttribute("aria-labelledby"));
        Element first = firstElement(root);
        assertEquals("title", first.getLocalName());
        assertEquals(id + "-title", first.getAttribute("id"));
        assertTrue(first.getTextContent().length() > 20);
    }

    private static Element firstElement(Element e) {
        for (var n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) return el;
        }
        throw new AssertionError("no child");
    }

    private static List<String> texts(Document doc) {
        NodeList nodes = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) out.add(nodes.item(i).getTextContent());
        return out;
    }

    @Test
    void forestPlotIsWellFormedLabelledAndComplete() throws Exception {
        String svg = ForestPlot.svg(ANALYSIS, "forest");
        Document doc = parse(svg);
        assertAccessibleAndScalable(doc, "forest");
        List<String> texts = texts(doc);
        for (String label : StudyShape.RELATED) assertTrue(texts.contains(label), label);
        assertTrue(texts.contains("a red \"sports\" car"));
        assertTrue(texts.contains("Related prompts, mean"));
        assertTrue(texts.contains("Difference, related − control"));
        PromptResult water = ANALYSIS.prompts().get(0);
        String numbers = Numbers.fixed(water.pctChange().get(), 2) + " % " + water.pctChangeCi().format(2);
        assertTrue(texts.contains(numbers), numbers);
        String desc = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "desc").item(0).getTextContent();
        assertTrue(desc.startsWith("Water Lilies (related): " + numbers), desc);
        // Palette: related blue and control orange both used, plus circles (related) and rects (control).
        assertTrue(svg.contains("rgb(0,114,178)") && svg.contains("rgb(230,159,0)"));
        assertTrue(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "ellipse").getLength() >= 3);
        assertEquals(svg, ForestPlot.svg(Analysis.of(StudyShape.experiment()), "forest"), "deterministic");
        Files.writeString(Path.of("target", "forest-plot.svg"), svg);
    }

    @Test
    void forestPlotShowsReasonWhenThereIsNoNumber() throws Exception {
        Experiment e = new Experiment("NIMA", List.of(
                new PromptScores("a", "zero <baseline> & co", true, new double[] {-1, 0, 1}, new double[] {1, 2, 3}),
                new PromptScores("b", "tiny", false, new double[] {5, 6}, new double[] {5, 6})));
        Document doc = parse(ForestPlot.svg(Analysis.of(e), "f 1"));
        assertAccessibleAndScalable(doc, "f_1");
        List<String> texts = texts(doc);
        assertTrue(texts.contains("zero <baseline> & co"));
        assertTrue(texts.contains("mean before is 0"));
        assertTrue(texts.contains("0.00 % (CI: n too small)"), texts.toString());
        assertTrue(texts.contains("no eligible prompts"));
    }

    @Test
    void stripPlotsOnePerPromptWithEveryDot() throws Exception {
        List<String> svgs = StripPlot.svgs(ANALYSIS, "strip");
        assertEquals(6, svgs.size());
        for (int i = 0; i < svgs.size(); i++) {
            Document doc = parse(svgs.get(i));
            assertAccessibleAndScalable(doc, "strip-" + i);
            boolean related = ANALYSIS.prompts().get(i).related();
            String dot = related ? "ellipse" : "rect";
            int dots = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", dot).getLength();
            assertEquals(24, dots, "12 before + 12 after");
            List<String> texts = texts(doc);
            assertTrue(texts.contains("before (n=12)") && texts.contains("after (n=12)"));
            assertTrue(texts.contains(ANALYSIS.prompts().get(i).after().mean().format(2)));
        }
        assertEquals(svgs, StripPlot.svgs(Analysis.of(StudyShape.experiment()), "strip"), "deterministic jitter");
        Files.writeString(Path.of("target", "strip-plot-0.svg"), svgs.get(0));
        Files.writeString(Path.of("target", "strip-plot-3.svg"), svgs.get(3));
    }
}
