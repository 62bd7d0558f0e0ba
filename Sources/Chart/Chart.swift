// placeholder until Chart lands
