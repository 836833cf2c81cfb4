-- Number of deals and total amount per customer, largest first
SELECT customer, COUNT(*) AS deals, SUM(amount) AS total_amount
FROM Deals
GROUP BY customer
ORDER BY total_amount DESC, customer
