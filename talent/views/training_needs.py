"""Pages of training needs (培训需求) forwarded by the consulting desk, under /talent/training/."""

from __future__ import annotations

from forwarding.views import views_for
from talent.services.training_needs import NEEDS

need_list, need_detail, need_state = views_for(NEEDS)
