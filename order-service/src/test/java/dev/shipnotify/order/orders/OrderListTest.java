package dev.shipnotify.order.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.order.OrderJson;
import dev.shipnotify.order.TestMerchant;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres"),
        @ResourceArg(name = "postgres.database", value = "orders") })
class OrderListTest {

    @Test
    void listsOnlyTheMerchantsOwnOrders_newestFirst() {
        TestMerchant a = TestMerchant.create();
        TestMerchant b = TestMerchant.create();
        String first = a.placedOrder();
        String second = a.placedOrder();
        String third = a.placedOrder();
        String ofB = b.placedOrder();

        assertThat(list(a, Map.of()).getList("orders.id")).containsExactly(third, second, first);
        assertThat(list(b, Map.of()).getList("orders.id")).containsExactly(ofB);
        assertThat(list(b, Map.of("customerEmail", a.order(first).path("customer.email"))).getList("orders"))
                .as("a filter never reaches into another merchant's orders").isEmpty();
    }

    @Test
    void pagesThroughEveryOrderOnce_withTheCursor() {
        TestMerchant merchant = TestMerchant.create();
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placed.add(0, merchant.placedOrder());
        }

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = list(merchant, cursor == null ? Map.of("limit", "2") : Map.of("limit", "2", "cursor", cursor));
            seen.addAll(page.getList("orders.id"));
            pageSizes.add(page.getList("orders").size());
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactlyElementsOf(placed);
    }

    @Test
    void filtersByStatus() {
        TestMerchant merchant = TestMerchant.create();
        String kept = merchant.placedOrder();
        String cancelled = merchant.placedOrder();
        merchant.cancel(cancelled, null).then().statusCode(200);

        assertThat(list(merchant, Map.of("status", "CANCELLED")).getList("orders.id")).containsExactly(cancelled);
        assertThat(list(merchant, Map.of("status", "PLACED")).getList("orders.id")).containsExactly(kept);
        assertThat(list(merchant, Map.of("status", "placed,cancelled")).getList("orders.id"))
                .containsExactly(cancelled, kept);
        assertThat(list(merchant, Map.of("status", "DELIVERED")).getList("orders")).isEmpty();
    }

    @Test
    void filtersByCustomerEmail_whateverItsCase() {
        TestMerchant merchant = TestMerchant.create();
        OrderJson order = OrderJson.anOrder();
        String wanted = merchant.placeOrder(order).then().statusCode(201).extract().path("id");
        merchant.placedOrder();
        String email = merchant.order(wanted).path("customer.email");

        assertThat(list(merchant, Map.of("customerEmail", email.toUpperCase())).getList("orders.id"))
                .containsExactly(wanted);
    }

    @Test
    void filtersByTimeOfPlacing_fromInclusive_toExclusive() {
        TestMerchant merchant = TestMerchant.create();
        String first = merchant.placedOrder();
        String second = merchant.placedOrder();
        String third = merchant.placedOrder();
        String secondAt = merchant.order(second).path("createdAt");
        String thirdAt = merchant.order(third).path("createdAt");

        assertThat(list(merchant, Map.of("createdFrom", secondAt)).getList("orders.id"))
                .containsExactly(third, second);
        assertThat(list(merchant, Map.of("createdTo", secondAt)).getList("orders.id")).containsExactly(first);
        assertThat(list(merchant, Map.of("createdFrom", secondAt, "createdTo", thirdAt)).getList("orders.id"))
                .containsExactly(second);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "status|LOST",
            "limit|0",
            "limit|101",
            "limit|ten",
            "cursor|not-a-cursor",
            "cursor|MjAyNXxub3BlCg",
            "createdFrom|yesterday",
            "createdTo|2025-03-14",
            "customerEmail|priya"})
    void answers400NamingTheParameter_whenAFilterIsBad(String parameter, String value) {
        TestMerchant merchant = TestMerchant.create();

        merchant.request().queryParam(parameter, value).when().get("/api/orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:shipnotify:problem:invalid-request"))
                .body("errors.field", hasItems(parameter));
    }

    @Test
    void answers400_whenTheRangeEndsBeforeItStarts() {
        TestMerchant merchant = TestMerchant.create();

        merchant.request().queryParam("createdFrom", "2025-03-14T00:00:00Z")
                .queryParam("createdTo", "2025-03-13T00:00:00Z")
                .when().get("/api/orders")
                .then().statusCode(400)
                .body("errors.field", hasItems("createdTo"));
    }

    private static JsonPath list(TestMerchant merchant, Map<String, String> query) {
        return merchant.request().queryParams(query).when().get("/api/orders")
                .then().statusCode(200).extract().jsonPath();
    }
}
