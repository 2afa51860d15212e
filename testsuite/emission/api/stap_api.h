void stp_charge_action(void);
int stp_print(const char *s);
