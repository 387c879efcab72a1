"""Keys of the web chat's own labels, sent to the page so it can relabel itself on a language change."""

from bot.i18n import N_



LABELS = (
    N_("webchat.title"), N_("webchat.tagline"), N_("webchat.language_label"),
    N_("webchat.input_label"), N_("webchat.placeholder"), N_("webchat.send"),
    N_("webchat.privacy"), N_("webchat.bot"), N_("webchat.you"), N_("webchat.connecting"),
    N_("webchat.offline"), N_("webchat.typing"), N_("webchat.noscript"), N_("webchat.quick_exit"),
    N_("webchat.quick_exit_hint"), N_("webchat.log_label"), N_("webchat.agent_joined"),
    N_("webchat.agent_left"),
)
