print("tenantctl")
