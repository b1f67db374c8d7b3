"""Pages of drafting coaching (标准制修订辅导) forwarded by the consulting desk."""

from __future__ import annotations

from development.services.coaching import COACHING
from forwarding.views import views_for

coaching_list, coaching_detail, coaching_state = views_for(COACHING)
