"""The about, privacy and terms pages every visitor can read; staff edit them in admin.

The text is written exactly as the sanitiser stores it (p, h3, ul, li, strong, a only).
An existing page with the same slug is left as it is.
"""

from django.db import migrations

ABOUT = """<p>The Flanders Life Sciences Portal is the online home of the life-sciences cluster of Flanders, Belgium: the research institutes, universities, academic hospitals, incubators and science parks, companies, investors and government agencies that together make the region one of Europe's leading biotech hubs.</p>
<h3>What you find here</h3>
<ul>
<li><strong>The directory</strong> of the ecosystem's organizations, from VIB and its partner universities and hospitals to the companies they spun off. Staff verify organizations, so you know who is who.</li>
<li><strong>Jobs</strong>: vacancies posted by members of verified organizations and reviewed by staff before they go online. Save a search as an email alert, or follow it as an RSS feed.</li>
<li><strong>Talent</strong>: job seekers keep a profile and their CVs and decide who may see them; verified organizations search the pool.</li>
<li><strong>Events</strong>: the yearly Knowledge for Growth conference, BioBizz Cafes where companies meet students, information sessions and training modules, with online registration and waiting lists.</li>
<li><strong>News</strong> from the cluster and its organizations.</li>
</ul>
<h3>For organizations</h3>
<p>Add your organization to the directory, ask staff to verify it and invite your recruiters. Verified organizations post vacancies, search the talent pool and organize events.</p>
<h3>For scientists and students</h3>
<p>Discover who works on what, find a job, a PhD or an internship, keep one profile for all your applications and register for the cluster's events.</p>
<h3>Open data</h3>
<p>Everything public on the portal (organizations, published vacancies and events) is also available as JSON through the <a href="/api/docs/" rel="noopener nofollow ugc">portal's API</a>.</p>
<p>The portal is run by the staff of the cluster organization, who moderate vacancies, verify organizations and keep the news and these pages up to date.</p>"""

PRIVACY = """<p>This page explains what personal data the portal stores, why, who sees it, and how you download or erase it. The portal is run from Belgium and follows the European General Data Protection Regulation (GDPR).</p>
<h3>What the portal stores</h3>
<ul>
<li><strong>Your account</strong>: your email address (your login), your name, a hash of your password (never the password itself), whether you confirmed your email address, when you last signed in, and your API token if you create one.</li>
<li><strong>Your talent profile</strong>, if you make one: headline, summary, skills, disciplines, education, years of experience, city, languages, availability, and who may see the profile (only you, verified organizations, or everyone).</li>
<li><strong>Your CVs</strong>: the files you upload, with their original name, size and type. Every download of a CV is logged: who downloaded it, for which organization, and when. You see that log yourself.</li>
<li><strong>Your applications</strong>: the vacancy, the CV and cover letter you sent, and every change of status.</li>
<li><strong>Your event registrations</strong>: the event, your status (confirmed, on the waiting list, cancelled, attended) and when it changed.</li>
<li><strong>Your notifications</strong>: the messages the portal sends you by email and to your inbox, whether you read them, your notification settings, and your job alerts (the searches you saved and how often you want them).</li>
<li><strong>Your memberships</strong> of organizations and your requests to join one.</li>
</ul>
<h3>Why, and who sees it</h3>
<ul>
<li>Your profile and CVs are seen by the organizations you apply to, and by members of verified organizations only when your visibility setting allows it. When you withdraw an application, that organization no longer sees them.</li>
<li>An application is seen by you and by the members of the organization you applied to.</li>
<li>A registration is seen by you and by the event's organizers, who use it to admit and check in attendees.</li>
<li>Staff see what they need to moderate vacancies, verify organizations and help you.</li>
</ul>
<p>The portal does not sell personal data and does not use it for advertising. It loads no trackers, scripts or fonts from other sites.</p>
<h3>Cookies</h3>
<p>Only the cookies the portal needs to work: a session cookie while you are signed in, a security cookie that protects forms, and a language cookie when you choose a language. There are no analytics or advertising cookies.</p>
<h3>How long</h3>
<p>Your data stays as long as your account does. You can delete a CV, withdraw an application, cancel a registration or delete an alert at any time. Vacancies expire on their own date.</p>
<h3>Your rights: export and erase</h3>
<p>On <a href="/accounts/my-data/" rel="noopener nofollow ugc">Your data</a> (/accounts/my-data/) you can:</p>
<ul>
<li><strong>download</strong> your personal data as one JSON file, among it your account, your memberships and requests to join, your talent profile, and your CVs with who downloaded them;</li>
<li><strong>erase your account</strong>: your account, profile, CVs and their files, applications, registrations, notifications and alerts are removed for good. Records other people need, such as the log of a CV download you made as a recruiter, stay without your name.</li>
</ul>
<p>Programs can do the same through the API (GET /api/v1/me/export/ and DELETE /api/v1/me/). You correct your data at any time in your account settings and your profile. If you think your data is mishandled, tell the portal's staff, or complain to the Belgian Data Protection Authority.</p>"""

TERMS = """<p>These terms apply to everyone who uses the Flanders Life Sciences Portal, in the browser or through its API. By using the portal you accept them.</p>
<h3>Accounts</h3>
<ul>
<li>One account per person, with your real name and an email address you can read.</li>
<li>Keep your password and API tokens to yourself; you are responsible for what is done with them.</li>
</ul>
<h3>Organizations</h3>
<p>Only people who work for an organization may add it, claim it or speak for it. Staff verify organizations and may decline or withdraw a verification. Owners keep their organization's page accurate and decide who its members are.</p>
<h3>Vacancies</h3>
<ul>
<li>Post only real, open positions of your own organization, in a way that respects Belgian anti-discrimination law.</li>
<li>Staff review every vacancy before it is published and may reject or close one that breaks these terms. Vacancies expire on their own date.</li>
</ul>
<h3>Talent pool and CVs</h3>
<p>Profiles and CVs are shared for one purpose: recruitment by the organization that views them. Do not copy them into other databases, pass them on, or use them for marketing. Every CV download is logged and the candidate can see it.</p>
<h3>Events</h3>
<p>Register only when you plan to come, and cancel when you cannot, so the next person on the waiting list gets your place. Organizers may change or cancel an event; registered people are told.</p>
<h3>What you post</h3>
<p>You keep the rights to what you post and allow the portal to show it. Do not post anything unlawful, misleading or offensive. Formatting is kept, but scripts and styles are removed. Staff may edit or remove content that breaks these terms.</p>
<h3>API</h3>
<p>The API gives a program the same rights as the account its token belongs to. Respect its rate limits; do not harvest the directory or the talent pool.</p>
<h3>Availability and liability</h3>
<p>The portal is offered as it is. Staff do their best to keep it available and correct, but cannot guarantee either, and are not liable for what organizations and users post.</p>
<h3>Changes</h3>
<p>These terms may change; the date below shows the last update, and important changes are announced in the news. Belgian law applies.</p>"""

PAGES = [
    ("about", "About the portal", ABOUT),
    ("privacy", "Privacy policy", PRIVACY),
    ("terms", "Terms of use", TERMS),
]


def create_pages(apps, schema_editor):
    Page = apps.get_model("content", "Page")
    for slug, title, body in PAGES:
        Page.objects.get_or_create(
            slug=slug, defaults={"title": title, "body": body, "is_published": True}
        )


class Migration(migrations.Migration):
    dependencies = [("content", "0001_initial")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
