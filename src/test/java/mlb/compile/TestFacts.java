package mlb.compile;

import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import mlb.model.Device;

/** Facts of a host with devices wan1..wan4, each up with 198.18.N.2/24 (gateways 198.18.N.1). */
public final class TestFacts {
    private TestFacts() {
    }

    public static Facts fourLinks(boolean resilient) {
        TreeMap<String, Device> devices = TreeMap.empty();
        for (int n = 1; n <= 4; n++) {
            devices = devices.put("wan" + n, new Device("wan" + n, true, true, List.of(new Device.Address("198.18." + n + ".2", 24))));
        }
        return new Facts(devices, resilient);
    }
}
