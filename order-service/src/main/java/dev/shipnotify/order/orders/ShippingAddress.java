package dev.shipnotify.order.orders;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Where an order's parcel goes. */
@Embeddable
public class ShippingAddress {
    @Column(name = "ship_line1")
    public String line1;
    @Column(name = "ship_line2")
    public String line2;
    @Column(name = "ship_city")
    public String city;
    @Column(name = "ship_postcode")
    public String postcode;
    @Column(name = "ship_country")
    public String country;
}
