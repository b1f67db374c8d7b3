"""Web views of the catalogue (placeholder until the search UI lands)."""

from django.shortcuts import get_object_or_404, render

from catalog.models import Standard


def home(request):
    return render(request, "catalog/home.html", {"count": Standard.objects.count()})


def standard_detail(request, designation):
    standard = get_object_or_404(Standard, designation=designation)
    return render(request, "catalog/standard_detail.html", {"standard": standard})
