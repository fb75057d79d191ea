package dev.tviews.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.TViewsVersion;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.ChangeFactory;
import liquibase.change.ChangeMetaData;
import liquibase.change.ChangeParameterMetaData;
import liquibase.database.core.PostgresDatabase;
import liquibase.exception.ValidationErrors;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The XSD sits where Liquibase looks for it, and says what the change classes say: the same element
 * names, the same attributes, required exactly where validate() requires them, each documented.
 */
class XsdTest {

    private static final String XSD_NS = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final String LATEST = "tviews.dev/xml/ns/tviews/tviews-latest.xsd";
    private static final String VERSIONED = "tviews.dev/xml/ns/tviews/tviews-" + TViewsVersion.current().schema() + ".xsd";
    /** The name changelogs written for 0.1 and 0.2 use: it must stay resolvable. */
    private static final String FIRST = "tviews.dev/xml/ns/tviews/tviews-0.1.xsd";

    @Test
    void liveAtThePathLiquibaseDerivesFromTheUrl() throws Exception {
        // Liquibase lower-cases the schemaLocation and strips the scheme.
        String derived = "http://tviews.dev/xml/ns/tviews/tviews-latest.xsd".toLowerCase().replaceFirst("https?://", "");
        assertThat(derived).isEqualTo(LATEST);
        assertThat(read(LATEST)).isEqualTo(read(VERSIONED)).isEqualTo(read(FIRST));
        assertThat(VERSIONED).as("named after the pom's version").doesNotEndWith("tviews-0.1.xsd");
    }

    @Test
    void everyChangeTypeIsRegisteredAndDescribedByTheXsd() throws Exception {
        Document xsd = parse(LATEST);
        ChangeFactory factory = Scope.getCurrentScope().getSingleton(ChangeFactory.class);
        Map<String, Element> elements = new HashMap<>();
        NodeList top = xsd.getDocumentElement().getElementsByTagNameNS(XSD_NS, "element");
        for (int i = 0; i < top.getLength(); i++) {
            Element e = (Element) top.item(i);
            if (e.getParentNode() == xsd.getDocumentElement()) {
                elements.put(e.getAttribute("name"), e);
            }
        }
        assertThat(elements.keySet()).containsExactlyInAnyOrder("createTView", "dropTView", "refreshTView",
                "autoConvertTViews", "autoConvert");

        for (String name : elements.keySet()) {
            assertThat(factory.getDefinedChanges()).as("change type %s registered", name).contains(name);
            Change change = factory.create(name);
            ChangeMetaData meta = factory.getChangeMetaData(change);
            assertThat(meta.getDescription()).as("description of %s", name).isNotBlank();

            Map<String, Element> attributes = attributes(xsd, elements.get(name));
            assertThat(new TreeSet<>(attributes.keySet())).as("attributes of %s", name)
                    .isEqualTo(new TreeSet<>(meta.getParameters().keySet()));
            assertThat(documented(elements.get(name))).as("documentation of %s", name).isTrue();

            Set<String> requiredByValidate = requiredByValidate(change, meta);
            for (Map.Entry<String, Element> attribute : attributes.entrySet()) {
                assertThat(documented(attribute.getValue())).as("documentation of %s.%s", name, attribute.getKey()).isTrue();
                boolean xsdRequired = "required".equals(attribute.getValue().getAttribute("use"));
                // selectSql is required by validate() but may be an attribute or a nested element.
                boolean expected = requiredByValidate.contains(attribute.getKey()) && !"selectSql".equals(attribute.getKey());
                assertThat(xsdRequired).as("%s.%s required in the XSD", name, attribute.getKey()).isEqualTo(expected);
            }
        }
    }

    /** Properties whose absence alone makes validate() fail. */
    private static Set<String> requiredByValidate(Change template, ChangeMetaData meta) throws Exception {
        Set<String> required = new TreeSet<>();
        for (ChangeParameterMetaData parameter : meta.getParameters().values()) {
            Change change = template.getClass().getConstructor().newInstance();
            for (ChangeParameterMetaData other : meta.getParameters().values()) {
                if (other != parameter) {
                    other.setValue(change, exampleValue(other));
                }
            }
            ValidationErrors errors = change.validate(new PostgresDatabase());
            if (errors.hasErrors()) {
                required.add(parameter.getParameterName());
            }
        }
        return required;
    }

    private static Object exampleValue(ChangeParameterMetaData parameter) {
        if (parameter.getDataTypeClass() == Boolean.class) {
            return Boolean.TRUE;
        }
        return "options".equals(parameter.getParameterName()) ? "{}" : "post";
    }

    private static Map<String, Element> attributes(Document xsd, Element element) {
        Map<String, Element> attributes = new HashMap<>();
        collectAttributes(xsd, element, attributes);
        String type = element.getAttribute("type");
        if (!type.isEmpty()) {
            collectAttributes(xsd, named(xsd, "complexType", type), attributes);
        }
        return attributes;
    }

    private static void collectAttributes(Document xsd, Element parent, Map<String, Element> into) {
        NodeList list = parent.getElementsByTagNameNS(XSD_NS, "attribute");
        for (int i = 0; i < list.getLength(); i++) {
            Element a = (Element) list.item(i);
            into.put(a.getAttribute("name"), a);
        }
        NodeList groups = parent.getElementsByTagNameNS(XSD_NS, "attributeGroup");
        for (int i = 0; i < groups.getLength(); i++) {
            String ref = ((Element) groups.item(i)).getAttribute("ref");
            if (!ref.isEmpty()) {
                collectAttributes(xsd, named(xsd, "attributeGroup", ref), into);
            }
        }
    }

    private static Element named(Document xsd, String kind, String name) {
        NodeList list = xsd.getDocumentElement().getElementsByTagNameNS(XSD_NS, kind);
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            if (name.equals(e.getAttribute("name"))) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " named " + name);
    }

    private static boolean documented(Element element) {
        NodeList docs = element.getElementsByTagNameNS(XSD_NS, "documentation");
        return docs.getLength() > 0 && !docs.item(0).getTextContent().isBlank();
    }

    private static Document parse(String resource) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try (InputStream in = XsdTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static String read(String resource) throws Exception {
        try (InputStream in = XsdTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
