package mlb.lab.timeline;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgTimelineTest {
    private static final List<String> LINKS = List.of("isp1", "isp2", "isp3");

    private static Timeline cut() {
        List<Timeline.Series> series = List.of(
                new Timeline.Series("isp1", List.of(new Timeline.Sample(-1000, 6e6), new Timeline.Sample(0, 6e6), new Timeline.Sample(3000, 6e6))),
                new Timeline.Series("isp2", List.of(new Timeline.Sample(-1000, 9e6), new Timeline.Sample(0, 0), new Timeline.Sample(3000, 9e6))));
        List<Timeline.Attempt> attempts = List.of(
                new Timeline.Attempt(-500, Timeline.Outcome.OK, 2, "isp1", ""),
                new Timeline.Attempt(100, Timeline.Outcome.FAILED, 1000, "", "SocketTimeoutException: Connect timed out"),
                new Timeline.Attempt(200, Timeline.Outcome.DELAYED, 1100, "isp3", ""),
                new Timeline.Attempt(1600, Timeline.Outcome.OK, 2, "isp3", ""));
        List<Timeline.Event> events = List.of(
                new Timeline.Event(Timeline.Kind.CUT, 0, "isp2 cut"),
                new Timeline.Event(Timeline.Kind.VERDICT, 1440, "isp2 down"),
                new Timeline.Event(Timeline.Kind.WRITTEN, 1463, "written 23 ms after the verdict"),
                new Timeline.Event(Timeline.Kind.HEAL, 3000, "healed"));
        return new Timeline("isp2 cut", Instant.EPOCH, -2000, 4000, LINKS, series, attempts, events);
    }

    @Test
    void theDocumentIsWellFormedSvg() {
        Svg svg = new Svg(SvgTimeline.render(cut()));
        assertEquals("svg", svg.root().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", svg.root().getNamespaceURI());
        assertTrue(svg.root().hasAttribute("viewBox"));
    }

    @Test
    void everyAttemptHasAMarkOfItsOutcome() {
        Svg svg = new Svg(SvgTimeline.render(cut()));
        assertEquals(4, svg.withClass("attempt").size());
        assertEquals(2, svg.withClass("ok").size());
        assertEquals(1, svg.withClass("delayed").size());
        assertEquals(1, svg.withClass("failed").size());
        double at = Svg.xs(svg.withClass("failed").get(0)).get(0);
        assertEquals(SvgTimeline.x(cut(), 100), at, 0.06);
    }

    @Test
    void aDelayedAttemptsBarEndsWhenItWasAnswered() {
        Element bar = new Svg(SvgTimeline.render(cut())).withClass("attempt-took").get(0);
        assertEquals(SvgTimeline.x(cut(), 200), Double.parseDouble(bar.getAttribute("x1")), 0.06);
        assertEquals(SvgTimeline.x(cut(), 1300), Double.parseDouble(bar.getAttribute("x2")), 0.06);
    }

    @Test
    void eachEventIsAVerticalLineAtItsTime() {
        Svg svg = new Svg(SvgTimeline.render(cut()));
        for (Timeline.Event e : cut().events()) {
            List<Element> lines = svg.withClass(e.kind().name().toLowerCase());
            assertEquals(1, lines.size(), e.toString());
            Element l = lines.get(0);
            assertEquals(SvgTimeline.x(cut(), e.atMs()), Double.parseDouble(l.getAttribute("x1")), 0.06);
            assertEquals(l.getAttribute("x1"), l.getAttribute("x2"));
        }
        // The cut is at 0 of a window from -2 s to 4 s: a third of the way across the plot.
        double cutX = Double.parseDouble(svg.withClass("cut").get(0).getAttribute("x1"));
        assertEquals(SvgTimeline.LEFT + (SvgTimeline.RIGHT - SvgTimeline.LEFT) / 3.0, cutX, 0.06);
    }

    @Test
    void aLineOfThroughputPerLink() {
        Svg svg = new Svg(SvgTimeline.render(cut()));
        List<Element> series = svg.withClass("series");
        assertEquals(2, series.size());
        assertEquals(3, Svg.xs(series.get(0)).size());
    }

    @Test
    void anEmptyTimelineStillRenders() {
        Timeline empty = new Timeline("nothing", Instant.EPOCH, 0, 1000, List.of(), List.of(), List.of(), List.of());
        Svg svg = new Svg(SvgTimeline.render(empty));
        assertEquals(0, svg.withClass("series").size());
        assertEquals(0, svg.withClass("attempt").size());
        assertTrue(svg.named("text").stream().anyMatch(t -> t.getTextContent().equals("ok (0)")));
        // Series without samples in the window draw no line and no chart either.
        Timeline idle = new Timeline("idle", Instant.EPOCH, 0, 1000, LINKS,
                List.of(new Timeline.Series("isp1", List.of()), new Timeline.Series("isp2", List.of(new Timeline.Sample(5000, 1e6)))),
                List.of(), List.of());
        assertEquals(0, new Svg(SvgTimeline.render(idle)).withClass("series").size());
    }

    @Test
    void textIsEscaped() {
        String title = "a <cut> & \"quotes\" 'too'";
        Timeline t = new Timeline(title, Instant.EPOCH, 0, 1000, List.of("<isp>"), List.of(),
                List.of(new Timeline.Attempt(10, Timeline.Outcome.FAILED, 5, "", "reset & <gone>")),
                List.of(new Timeline.Event(Timeline.Kind.VERDICT, 500, "isp2 down: 3/3 rounds <lost>")));
        Svg svg = new Svg(SvgTimeline.render(t));
        assertEquals(title, svg.named("title").get(0).getTextContent());
        assertTrue(svg.named("text").stream().anyMatch(e -> e.getTextContent().equals("isp2 down: 3/3 rounds <lost>")));
        assertTrue(svg.named("text").stream().anyMatch(e -> e.getTextContent().equals("<isp>")));
    }

    @Test
    void whatLiesOutsideTheWindowIsLeftOut() {
        Timeline t = new Timeline("window", Instant.EPOCH, 0, 1000, LINKS, List.of(),
                List.of(new Timeline.Attempt(-1, Timeline.Outcome.OK, 1, "isp1", ""),
                        new Timeline.Attempt(500, Timeline.Outcome.OK, 1, "isp1", ""),
                        new Timeline.Attempt(1001, Timeline.Outcome.OK, 1, "isp1", "")),
                List.of(new Timeline.Event(Timeline.Kind.HEAL, 2000, "healed")));
        Svg svg = new Svg(SvgTimeline.render(t));
        assertEquals(1, svg.withClass("attempt").size());
        assertEquals(0, svg.withClass("heal").size());
    }

    @Test
    void aTimelineNeedsAWindow() {
        assertThrows(IllegalArgumentException.class,
                () -> new Timeline("none", Instant.EPOCH, 5, 5, List.of(), List.of(), List.of(), List.of()));
    }
}
