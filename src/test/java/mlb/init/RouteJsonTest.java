package mlb.init;

import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What iproute2 prints for `ip -4 -j route show table all` (taken from a namespace), read as routes out of devices. */
class RouteJsonTest {
    @Test
    void everyUnicastRouteOutOfADeviceOneEntryPerNexthop() {
        String json = """
                [{"dst":"default","gateway":"198.18.1.1","dev":"wan1","table":"101","flags":[]},
                 {"dst":"default","gateway":"198.18.1.1","dev":"wan1","metric":10,"flags":[]},
                 {"dst":"10.77.0.0/16","flags":[],"nexthops":[{"gateway":"198.18.1.3","dev":"wan1","weight":1,"flags":[]},
                                                          {"gateway":"198.18.2.3","dev":"wan2","weight":2,"flags":[]}]},
                 {"dst":"198.18.1.0/24","dev":"wan1","protocol":"kernel","scope":"link","prefsrc":"198.18.1.2","flags":[]},
                 {"type":"unreachable","dst":"10.77.9.0/24","flags":[]},
                 {"type":"local","dst":"198.18.1.2","dev":"wan1","table":"local","protocol":"kernel","scope":"host","flags":[]},
                 {"type":"broadcast","dst":"198.18.1.255","dev":"wan1","table":"local","protocol":"kernel","scope":"link","flags":[]}]
                """;
        assertEquals(List.of(
                new GatewayRoute("wan1", "default", Option.some("198.18.1.1"), "101", 0),
                new GatewayRoute("wan1", "default", Option.some("198.18.1.1"), "main", 10),
                new GatewayRoute("wan1", "10.77.0.0/16", Option.some("198.18.1.3"), "main", 0),
                new GatewayRoute("wan2", "10.77.0.0/16", Option.some("198.18.2.3"), "main", 0),
                new GatewayRoute("wan1", "198.18.1.0/24", Option.none(), "main", 0)), RouteJson.routes(json));
    }

    @Test
    void noRoutesIsNoOutput() {
        assertEquals(List.empty(), RouteJson.routes(""));
        assertEquals(List.empty(), RouteJson.routes("[]"));
    }
}
