"""Data for the API tests: the write token, and invented reports about three attacks
(one with a contested figure and a revised toll)."""

TOKEN = "api-test-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

REPORTS = {
    "af-2025-05-11": (
        "date 2025-05-11\n"
        "Russia attacked Ukraine overnight with 210 drones and 12 missiles, the Ukrainian Air "
        "Force said. Air defence shot down 180 drones and 9 missiles. Four people were killed "
        "in Kharkiv, Governor Oleh Syniehubov said.\n"),
    "wire-2025-05-11": (
        "date 2025-05-11\n"
        "KYIV, May 11 (Wire) - Nine people were killed in Kharkiv in the overnight attack, "
        "Mayor Ihor Terekhov said on Telegram. President Volodymyr Zelenskyy said Russia "
        "launched about 150 drones.\n"),
    "odesa-2025-05-20": (
        "date 2025-05-20\n"
        "Drones hit Odesa overnight, injuring six people, Governor Oleh Kiper said. "
        "A school was damaged.\n"),
    "lviv-2025-06-02": (
        "date 2025-06-02\n"
        "Russia launched 50 drones at Lviv overnight. Two people were killed in Lviv, "
        "Mayor Andriy Sadovyi said.\n"),
}
