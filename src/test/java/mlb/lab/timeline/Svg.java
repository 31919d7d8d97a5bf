package mlb.lab.timeline;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** A rendered timeline read back with the JDK's XML parser: a document that does not parse fails here. */
final class Svg {
    private final Document doc;

    Svg(String text) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + text, e);
        }
    }

    Element root() {
        return doc.getDocumentElement();
    }

    /** Every element whose class attribute holds the given class. */
    List<Element> withClass(String cls) {
        List<Element> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cls)) out.add(e);
        }
        return out;
    }

    List<Element> named(String tag) {
        List<Element> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        for (int i = 0; i < all.getLength(); i++) out.add((Element) all.item(i));
        return out;
    }

    /** The x coordinates an element places on the time axis: x, cx, x1, x2, or each of a polyline's points. */
    static List<Double> xs(Element e) {
        List<Double> xs = new ArrayList<>();
        for (String a : List.of("x", "cx", "x1", "x2")) {
            if (e.hasAttribute(a)) xs.add(Double.parseDouble(e.getAttribute(a)));
        }
        if (e.hasAttribute("points")) {
            for (String p : e.getAttribute("points").trim().split("\\s+")) xs.add(Double.parseDouble(p.split(",")[0]));
        }
        return xs;
    }
}
