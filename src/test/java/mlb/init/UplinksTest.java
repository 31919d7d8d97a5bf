package mlb.init;

import io.vavr.collection.List;
import io.vavr.control.Option;
import mlb.model.Device;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UplinksTest {
    private static GatewayRoute route(String dev, String dst, String gateway, String table, long metric) {
        return new GatewayRoute(dev, dst, Option.of(gateway), table, metric);
    }

    private static Device device(String name) {
        return new Device(name, true, true, List.of(new Device.Address("198.18.9.2", 24)));
    }

    @Test
    void aDefaultRouteInMainWithTheLowestMetricSaysWhichGateway() {
        FakeHostLinks host = new FakeHostLinks().device(device("wan1"))
                .route(route("wan1", "10.77.0.0/16", "198.18.1.7", "main", 0))
                .route(route("wan1", "default", "198.18.1.5", "101", 0))
                .route(route("wan1", "default", "198.18.1.9", "main", 300))
                .route(route("wan1", "default", "198.18.1.1", "main", 100));
        assertEquals(List.of("198.18.1.1"), Uplinks.find(host).map(u -> u.route().gateway().get()));
    }

    @Test
    void aGatewayInAnyTableOrADefaultRouteWithoutOneMakesAnUplink() {
        FakeHostLinks host = new FakeHostLinks().device(device("wan2")).device(device("ppp0")).device(device("lan"))
                .device(device("lo"))
                .route(route("wan2", "10.77.0.0/16", "198.18.2.1", "102", 0))
                .route(route("ppp0", "default", null, "main", 0))
                .route(route("lan", "10.77.1.0/24", null, "main", 0))
                .route(route("lo", "default", "198.18.3.1", "main", 0))
                .route(route("gone", "default", "198.18.4.1", "main", 0))
                .speed("wan2", 1000);
        List<Uplink> found = Uplinks.find(host);
        assertEquals(List.of("ppp0", "wan2"), found.map(Uplink::dev));
        assertEquals(List.of(Option.none(), Option.some(1000)), found.map(Uplink::speed));
        assertEquals("the route to 10.77.0.0/16 via wan2 (table 102)", found.get(1).route().describe());
    }

    @Test
    void aGatewayAnywhereBeatsADefaultRouteWithoutOne() {
        FakeHostLinks host = new FakeHostLinks().device(device("wan1"))
                .route(route("wan1", "default", null, "main", 0))
                .route(route("wan1", "10.77.0.0/16", "198.18.1.7", "103", 0))
                .route(route("wan1", "default", "198.18.1.1", "102", 0));
        assertEquals(List.of("198.18.1.1"), Uplinks.find(host).map(u -> u.route().gateway().get()));
        FakeHostLinks noDefault = new FakeHostLinks().device(device("wan1"))
                .route(route("wan1", "default", null, "main", 0))
                .route(route("wan1", "10.77.0.0/16", "198.18.1.7", "103", 0));
        assertEquals(List.of("198.18.1.7"), Uplinks.find(noDefault).map(u -> u.route().gateway().get()));
    }

    @Test
    void noRoutesNoUplinks() {
        assertEquals(List.empty(), Uplinks.find(new FakeHostLinks().device(device("wan1"))));
    }
}
